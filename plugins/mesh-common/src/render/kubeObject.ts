import { isRecord } from '@meshport/istio-config';

/**
 * A Kubernetes object as the renderer builds it: plain data, ready to serialize.
 *
 * @public
 */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  spec?: Record<string, unknown>;
  [key: string]: unknown;
}

/**
 * "Kind namespace/name", the way findings and summaries name an object.
 *
 * @public
 */
export function objectRef(object: Pick<KubeObject, 'kind' | 'metadata'>): string {
  const { namespace, name } = object.metadata;
  return `${object.kind} ${namespace ? `${namespace}/` : ''}${name}`;
}

/**
 * Drops undefined values, empty arrays and empty objects, recursively, so that what is rendered is
 * exactly what a YAML round trip gives back. Keeps `{}` where `keepEmpty` names the key.
 *
 * @public
 */
export function prune<T>(value: T, keepEmpty: ReadonlySet<string> = new Set()): T {
  if (Array.isArray(value)) {
    return value.map(item => prune(item, keepEmpty)).filter(item => item !== undefined) as unknown as T;
  }
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) {
      if (child === undefined) continue;
      const pruned = prune(child, keepEmpty);
      const empty = Array.isArray(pruned) ? pruned.length === 0 : isRecord(pruned) && Object.keys(pruned).length === 0;
      if (empty && !keepEmpty.has(key)) continue;
      out[key] = pruned;
    }
    return out as T;
  }
  return value;
}
