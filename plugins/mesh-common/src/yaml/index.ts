export { toYaml, parseYaml, YamlParseError } from './serialize';
export { clusterObjectsFromFiles, expandLists, isKustomizeDocument } from './manifestFiles';
export type { ManifestFile } from './manifestFiles';
