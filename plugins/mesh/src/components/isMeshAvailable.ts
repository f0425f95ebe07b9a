import { Entity } from '@backstage/catalog-model';
import { KUBERNETES_ID_ANNOTATION, KUBERNETES_LABEL_SELECTOR_ANNOTATION } from '@meshport/plugin-mesh-common';

/**
 * True when the entity names its Kubernetes objects, so the mesh status can find them.
 *
 * @public
 */
export function isMeshAvailable(entity: Entity): boolean {
  const annotations = entity.metadata.annotations ?? {};
  return Boolean(annotations[KUBERNETES_ID_ANNOTATION] || annotations[KUBERNETES_LABEL_SELECTOR_ANNOTATION]);
}
