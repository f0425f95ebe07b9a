export { toYaml, parseYaml, YamlParseError } from './serialize';
export { clusterObjectsFromFiles, isKustomizeDocument } from './manifestFiles';
export type { ManifestFile } from './manifestFiles';
