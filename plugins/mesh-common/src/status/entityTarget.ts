import { parseLabelSelector, LabelRequirement } from './labelSelector';

/** Backstage's Kubernetes annotations, as its Kubernetes plugin reads them. */
export const KUBERNETES_ID_ANNOTATION = 'backstage.io/kubernetes-id';
export const KUBERNETES_NAMESPACE_ANNOTATION = 'backstage.io/kubernetes-namespace';
export const KUBERNETES_LABEL_SELECTOR_ANNOTATION = 'backstage.io/kubernetes-label-selector';
/** The Kubernetes service account a component's pods run as, when it is not named like the component. */
export const MESH_SERVICE_ACCOUNT_ANNOTATION = 'meshport.io/service-account';

/** Which objects in a cluster belong to a catalog entity. */
export interface EntityTarget {
  /** The namespace from the annotation; undefined means every namespace. */
  namespace?: string;
  /** The label selector as written. */
  selector: string;
  requirements: LabelRequirement[];
}

/**
 * The cluster objects an entity owns, matched the way Backstage's Kubernetes plugin matches them: the
 * label-selector annotation when present, else the `backstage.io/kubernetes-id` label; the namespace
 * annotation narrows to one namespace. Undefined when the entity has neither annotation.
 */
export function entityTarget(annotations: Record<string, string | undefined> = {}): EntityTarget | undefined {
  const selector = annotations[KUBERNETES_LABEL_SELECTOR_ANNOTATION]?.trim() || (annotations[KUBERNETES_ID_ANNOTATION] ? `${KUBERNETES_ID_ANNOTATION}=${annotations[KUBERNETES_ID_ANNOTATION]}` : undefined);
  if (!selector) return undefined;
  return { namespace: annotations[KUBERNETES_NAMESPACE_ANNOTATION] || undefined, selector, requirements: parseLabelSelector(selector) };
}

/** A target from `--namespace` and `--selector` (the CLI's way to name a service without a catalog). */
export function targetFromSelector(selector: string, namespace?: string): EntityTarget {
  return { namespace, selector, requirements: parseLabelSelector(selector) };
}
