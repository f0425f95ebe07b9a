import { FINDING_CODES } from './codes';
import { firstSelectorKey, selectorString } from '../istio/selectors';
import { messageFor } from './codes';
import { AnalyzedObject, Finding } from './types';

/**
 * How severe each level is, most severe first: istioctl's order, and the order findings are listed in.
 *
 * @public
 */
export const FINDING_LEVEL_RANK = { error: 0, warning: 1, info: 2 } as const;

/**
 * "Kind namespace/name", or "Kind name" for a cluster-scoped object: istioctl's name for the resource.
 *
 * @public
 */
export function resourceName(object: AnalyzedObject): string {
  const { namespace, name } = object.metadata;
  return `${object.kind} ${namespace ? `${namespace}/` : ''}${name}`;
}

/** "namespace/name", as istioctl's messages name a resource in their text. */
export function fullName(object: AnalyzedObject): string {
  return object.metadata.namespace ? `${object.metadata.namespace}/${object.metadata.name}` : object.metadata.name;
}

/**
 * A finding for an object, its level taken from the code table.
 *
 * @public
 */
export function finding(code: keyof typeof FINDING_CODES, object: AnalyzedObject, message: string, path?: string): Finding {
  return { code, level: FINDING_CODES[code].level, resource: resourceName(object), message, ...(path ? { path } : {}) };
}

/** The namespace an object lives in, Kubernetes' default when it names none. */
export function namespaceOf(object: AnalyzedObject): string {
  return object.metadata.namespace ?? 'default';
}

/** IST0101 for a workload selector that matches no pod, pointing at its first key under `labelsPath` (the message istioctl gives). */
export function selectorNotFound(object: AnalyzedObject, labels: Record<string, string> | undefined, labelsPath: string): Finding {
  const selector = selectorString(labels);
  return finding('IST0101', object, messageFor('IST0101', 'selector', selector), `${labelsPath}.${firstSelectorKey(selector)}`);
}
