export { toYaml, parseYaml, YamlParseError } from './serialize';
