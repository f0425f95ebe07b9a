export { ClusterObjectStore, storeFromDocuments } from './clusterObjectStore';
export type { EntitySlice } from './clusterObjectStore';
export { MESH_STATUS_KINDS, MESH_STATUS_RESOURCES, resourcePath } from './statusResources';
export type { MeshStatusResource } from './statusResources';
