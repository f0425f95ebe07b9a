import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import type { ClusterDetails, KubernetesClustersSupplier } from '@backstage/plugin-kubernetes-node';

/**
 * What a cluster registered in the catalog must meet before the backend watches it. Anyone who can register
 * a `Resource` of `spec.type: kubernetes-cluster` names its API server, and Meshport's watches would send
 * that server the backend's own credential (an `aws` presigned STS token, a Google access token) every
 * minute, unprompted; so the host must be one the platform team allows, and the name must not be one the
 * configuration already gives a place, Prometheus, istiod or trust to.
 */
export interface CatalogClusterRules {
  /** Host names, or `*.suffix` for any host under a domain, as the catalog locator's `dangerouslyAllowClusterUrls` reads them. */
  allowedHosts: readonly string[];
  /** Names the configuration owns: `mesh.clusters`, the snapshot, clusters allowed over http. */
  configuredNames: ReadonlySet<string>;
}

const MAX_HOST_LENGTH = 253;

/** Reads `mesh.status.catalogClusters.allowedHosts`; a pattern other than `host` or `*.domain` is an error that names it. */
export function readCatalogClusterRules(config: Config, configuredNames: ReadonlySet<string>): CatalogClusterRules {
  const key = 'mesh.status.catalogClusters.allowedHosts';
  const allowedHosts = (config.getOptionalStringArray(key) ?? []).map(pattern => pattern.toLowerCase());
  allowedHosts.forEach((pattern, index) => {
    const host = pattern.startsWith('*.') ? pattern.slice(2) : pattern;
    if (!host || host.length > MAX_HOST_LENGTH || host.includes('*') || host.includes('/') || host.includes(':')) {
      throw new InputError(`${key}[${index}]: "${pattern.slice(0, 80)}" is not a host name or *.domain`);
    }
  });
  return { allowedHosts, configuredNames };
}

/** Whether `host` is one of `patterns`: equal, or under the domain of a `*.domain` pattern (not the domain itself). */
export function hostAllowed(host: string, patterns: readonly string[]): boolean {
  const name = host.toLowerCase();
  if (name.length > MAX_HOST_LENGTH) return false;
  return patterns.some(pattern => (pattern.startsWith('*.') ? name.endsWith(pattern.slice(1)) : name === pattern));
}

/** Why the backend will not watch this catalog cluster, or undefined when it may. */
export function catalogClusterRefusal(details: ClusterDetails, rules: CatalogClusterRules, locatedNames: ReadonlySet<string>): string | undefined {
  if (rules.configuredNames.has(details.name) || locatedNames.has(details.name)) {
    return `its name "${details.name}" belongs to a cluster the configuration names`;
  }
  let host: string;
  try {
    host = new URL(details.url).hostname;
  } catch {
    return 'its API server URL is not a URL';
  }
  if (!hostAllowed(host, rules.allowedHosts)) {
    return `its API server host "${host.slice(
      0,
      80,
    )}" is not in mesh.status.catalogClusters.allowedHosts, and the backend does not send its credentials elsewhere`;
  }
  return undefined;
}

/**
 * The clusters of the configured locators, then those of the catalog locator that meet the rules. Each
 * refused catalog cluster is logged once per name and reason, not at every reading of the locators.
 */
export function gatedCatalogClusters(
  configured: KubernetesClustersSupplier,
  catalog: KubernetesClustersSupplier,
  rules: CatalogClusterRules,
  logger: LoggerService,
): KubernetesClustersSupplier {
  const logged = new Set<string>();
  return {
    async getClusters(options) {
      const [located, registered] = await Promise.all([configured.getClusters(options), catalog.getClusters(options)]);
      const locatedNames = new Set(located.map(cluster => cluster.name));
      const admitted = registered.filter(cluster => {
        const refusal = catalogClusterRefusal(cluster, rules, locatedNames);
        if (!refusal) return true;
        const message = `mesh status does not watch the catalog's kubernetes-cluster "${cluster.name}": ${refusal}`;
        if (!logged.has(message)) logger.warn(message);
        logged.add(message);
        return false;
      });
      return [...located, ...admitted];
    },
  };
}
