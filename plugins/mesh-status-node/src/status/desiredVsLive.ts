import { ObjectDrift } from '@meshport/plugin-mesh-common';
import { AnalyzedObject, kindKey, isRecord } from '@meshport/istio-config';

/**
 * A desired object (or a kustomize patch: a partial one) from a file of the GitOps target branch.
 *
 * @public
 */
export interface DesiredObject {
  file: string;
  object: AnalyzedObject;
}

/**
 * The kinds the status reads from a cluster: an object of another kind cannot be compared.
 *
 * @public
 */
export type LiveLookup = (kind: string, namespace: string | undefined, name: string) => AnalyzedObject | undefined | 'not-read';

/** The paths at which the live value differs from the desired one: every field the desired object sets, lists compared whole. */
function differences(desired: unknown, live: unknown, at: string): string[] {
  if (isRecord(desired)) {
    if (!isRecord(live)) return [at];
    return Object.entries(desired).flatMap(([key, value]) => differences(value, live[key], at ? `${at}.${key}` : key));
  }
  return JSON.stringify(desired) === JSON.stringify(live) ? [] : [at];
}

/**
 * Each object Meshport's files on the target branch hold against the cluster: not applied (no such
 * object), applied (every field the file sets holds), or drifted (the fields that differ); `unknown` for
 * kinds the status does not read. Only what the file sets is compared: the API server's defaults and other
 * controllers' fields are not drift.
 *
 * @public
 */
export function compareDesired(desired: DesiredObject[], live: LiveLookup): ObjectDrift[] {
  return desired.map(({ file, object }) => {
    const namespace = object.kind === 'Namespace' ? undefined : object.metadata.namespace;
    const base = { file, kind: object.kind, namespace, name: object.metadata.name };
    const found = live(kindKey(object), namespace, object.metadata.name);
    if (found === 'not-read') return { ...base, state: 'unknown' as const };
    if (!found) return { ...base, state: 'not-applied' as const };
    const paths = [
      ...differences(object.metadata.labels ?? {}, found.metadata.labels ?? {}, 'metadata.labels'),
      ...differences(object.metadata.annotations ?? {}, found.metadata.annotations ?? {}, 'metadata.annotations'),
      ...(object.spec !== undefined ? differences(object.spec, found.spec, 'spec') : []),
    ];
    return paths.length > 0 ? { ...base, state: 'drifted' as const, differences: paths } : { ...base, state: 'applied' as const };
  });
}
