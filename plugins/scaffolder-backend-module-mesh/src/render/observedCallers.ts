import { AuthService, BackstageCredentials, DiscoveryService } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { EntityMeshStatus, ObservedCaller, observedCallersOf } from '@meshport/plugin-mesh-common';

/** The callers the mesh status saw calling an entity (and its catalog dependents), or why they are unknown. */
export type ObservedCallers = { callers: ObservedCaller[] } | { unavailable: string };

/** Reads an entity's observed callers as the task's user. */
export type ObservedCallersReader = (entityRef: string, credentials: BackstageCredentials) => Promise<ObservedCallers>;

/**
 * The observed callers from Meshport's own status API (the `mesh` plugin), asked on behalf of the task's
 * user, so that its permission decides what is read. An answer in words when the plugin is not installed,
 * refuses or does not answer in time: the access check then asks about the callers the policies name.
 */
export function meshStatusCallers(options: { discovery: DiscoveryService; auth: AuthService; timeoutMs: number }): ObservedCallersReader {
  return async (entityRef, credentials) => {
    try {
      const { kind, namespace, name } = parseEntityRef(entityRef);
      const { token } = await options.auth.getPluginRequestToken({ onBehalfOf: credentials, targetPluginId: 'mesh' });
      const path = [namespace, kind, name].map(encodeURIComponent).join('/');
      const response = await fetch(`${await options.discovery.getBaseUrl('mesh')}/v1/entities/${path}/status`, {
        headers: { authorization: `Bearer ${token}` },
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      if (!response.ok) return { unavailable: `the mesh status API answered ${response.status} ${response.statusText}` };
      return { callers: observedCallersOf((await response.json()) as EntityMeshStatus) };
    } catch (error) {
      return { unavailable: `the mesh status API could not be read (${String((error as Error)?.message ?? error)})` };
    }
  };
}
