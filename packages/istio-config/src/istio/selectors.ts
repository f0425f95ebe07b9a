import type { AnalyzedObject } from '../objects/kinds';

/**
 * A label set as Kubernetes' `labels.SelectorFromSet(...).String()` prints it: "k1=v1,k2=v2", sorted by key.
 *
 * @public
 */
export function selectorString(labels: Record<string, string> | undefined): string {
  return Object.keys(labels ?? {})
    .sort()
    .map(key => `${key}=${labels![key]}`)
    .join(',');
}

/** The first key of a selector string (what istioctl uses to point at the selector's line). */
export function firstSelectorKey(selector: string): string {
  const equals = selector.indexOf('=');
  return equals === -1 ? '' : selector.slice(0, equals);
}

/**
 * True when every label of the selector is in the set; an empty selector matches everything.
 *
 * @public
 */
export function selectorMatches(selector: Record<string, string> | undefined, labels: Record<string, string> | undefined): boolean {
  return Object.entries(selector ?? {}).every(([key, value]) => labels?.[key] === value);
}

/** A selector string ("k=v,k2=v2") back into labels; malformed parts are dropped. */
export function parseSelectorString(selector: string): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const part of selector.split(',')) {
    const equals = part.indexOf('=');
    if (equals > 0) labels[part.slice(0, equals)] = part.slice(equals + 1);
  }
  return labels;
}

/**
 * The Services whose selector picks any of the pods.
 *
 * @public
 */
export function servicesForPods(services: AnalyzedObject[], pods: Array<{ namespace: string; labels: Record<string, string> }>): AnalyzedObject[] {
  return services.filter(service => {
    const selector = service.spec?.selector;
    if (!selector || Object.keys(selector).length === 0) return false;
    return pods.some(pod => pod.namespace === (service.metadata.namespace ?? 'default') && selectorMatches(selector, pod.labels));
  });
}
