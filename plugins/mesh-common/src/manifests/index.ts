export { clusterObjectsFromFiles, expandLists, isKustomizeDocument } from './manifestFiles';
export type { ManifestFile } from './manifestFiles';
