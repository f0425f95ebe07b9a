import { parseLabelSelector, LabelRequirement } from '@meshport/istio-config';
import { InputError } from '@backstage/errors';
import { isDnsLabel } from '../model/primitives';

/**
 * Backstage's Kubernetes annotations, as its Kubernetes plugin reads them.
 *
 * @public
 */
export const KUBERNETES_ID_ANNOTATION = 'backstage.io/kubernetes-id';
/** @public */
export const KUBERNETES_NAMESPACE_ANNOTATION = 'backstage.io/kubernetes-namespace';
/** @public */
export const KUBERNETES_LABEL_SELECTOR_ANNOTATION = 'backstage.io/kubernetes-label-selector';
/** The Kubernetes service account a component's pods run as, when it is not named like the component. */
export const MESH_SERVICE_ACCOUNT_ANNOTATION = 'meshport.io/service-account';

/**
 * Which objects in a cluster belong to a catalog entity.
 *
 * @public
 */
export interface EntityTarget {
  /** The namespace from the annotation; undefined means every namespace. */
  namespace?: string;
  /** The label selector as written. */
  selector: string;
  requirements: LabelRequirement[];
}

/** An entity annotation that cannot be read, named with what is wrong with it. */
export class AnnotationError extends InputError {
  constructor(readonly annotation: string, reason: string) {
    super(`annotation ${annotation}: ${reason}`);
  }
}

/**
 * A target from `--namespace` and `--selector` (the CLI's way to name a service without a catalog).
 *
 * @public
 */
export function targetFromSelector(selector: string, namespace?: string): EntityTarget {
  return { namespace, selector, requirements: parseLabelSelector(selector) };
}

/**
 * The cluster objects an entity owns, matched the way Backstage's Kubernetes plugin matches them: the
 * label-selector annotation when present, else the `backstage.io/kubernetes-id` label; the namespace
 * annotation narrows to one namespace. Undefined when the entity has neither annotation.
 *
 * @public
 */
export function entityTarget(annotations: Record<string, string | undefined> = {}): EntityTarget | undefined {
  const fromSelector = annotations[KUBERNETES_LABEL_SELECTOR_ANNOTATION]?.trim();
  const selector = fromSelector || (annotations[KUBERNETES_ID_ANNOTATION] ? `${KUBERNETES_ID_ANNOTATION}=${annotations[KUBERNETES_ID_ANNOTATION]}` : undefined);
  if (!selector) return undefined;
  const annotation = fromSelector ? KUBERNETES_LABEL_SELECTOR_ANNOTATION : KUBERNETES_ID_ANNOTATION;
  let requirements: LabelRequirement[];
  try {
    requirements = parseLabelSelector(selector);
  } catch (error) {
    throw new AnnotationError(annotation, (error as Error).message);
  }
  const namespace = annotations[KUBERNETES_NAMESPACE_ANNOTATION] || undefined;
  if (namespace !== undefined && !isDnsLabel(namespace)) {
    throw new AnnotationError(KUBERNETES_NAMESPACE_ANNOTATION, `"${namespace}" is not a Kubernetes namespace name`);
  }
  return { namespace, selector, requirements };
}

/**
 * The SPIFFE principal a component's pods present: its namespace annotation and its service account (the
 * meshport.io/service-account annotation, else the kubernetes-id, else the component's name).
 *
 * @public
 */
export function componentPrincipal(annotations: Record<string, string | undefined>, name: string): string {
  const namespace = annotations[KUBERNETES_NAMESPACE_ANNOTATION] || 'default';
  const serviceAccount = annotations[MESH_SERVICE_ACCOUNT_ANNOTATION] || annotations[KUBERNETES_ID_ANNOTATION] || name;
  return `cluster.local/ns/${namespace}/sa/${serviceAccount}`;
}
