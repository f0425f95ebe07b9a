export {
  AnnotationError,
  componentPrincipal,
  entityTarget,
  targetFromSelector,
  KUBERNETES_ID_ANNOTATION,
  KUBERNETES_LABEL_SELECTOR_ANNOTATION,
  KUBERNETES_NAMESPACE_ANNOTATION,
  MESH_SERVICE_ACCOUNT_ANNOTATION,
} from './entityTarget';
export type { EntityTarget } from './entityTarget';
