import { InputError } from '@backstage/errors';
import { Document, parse, parseAllDocuments, visit } from 'yaml';

/**
 * Plain scalars some YAML reader takes for something other than a string: YAML 1.1's value (`=`) and
 * merge (`<<`) keys, which the resolvers of go-yaml v2 and PyYAML treat specially.
 */
const SPECIAL_IN_YAML_1_1 = new Set(['=', '<<']);

/** How one reader resolves a plain scalar; undefined when it does not read as a single value. */
function readAs(text: string, version: '1.1' | '1.2'): unknown {
  try {
    return parse(text, { version, schema: version === '1.1' ? 'yaml-1.1' : 'core', merge: version === '1.1' });
  } catch {
    return undefined;
  }
}

/**
 * True when a string written plain would come back as something else (a boolean, a number, a date, null,
 * a merge key) or differently (trimmed) from a YAML 1.1 reader (kubectl's go-yaml v2, PyYAML) or a YAML
 * 1.2 one (go-yaml v3, kustomize).
 */
export function needsQuotes(text: string): boolean {
  return SPECIAL_IN_YAML_1_1.has(text) || readAs(text, '1.1') !== text || readAs(text, '1.2') !== text;
}

/** One object as a YAML document whose strings every YAML 1.1 and 1.2 reader reads back as the same strings. */
function documentText(object: unknown): string {
  const document = new Document(object, { aliasDuplicateObjects: false });
  visit(document, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && !node.type?.startsWith('QUOTE') && needsQuotes(node.value)) node.type = 'QUOTE_DOUBLE';
    },
  });
  return document.toString({ lineWidth: 0 });
}

/**
 * Serializes objects as a multi-document YAML stream (one object per document), safe for YAML 1.1 readers.
 *
 * @public
 */
export function toYaml(objects: unknown[]): string {
  return objects.map(documentText).join('---\n');
}

/**
 * A YAML document that could not be read: an InputError naming the file and the document.
 *
 * @public
 */
export class YamlParseError extends InputError {
  constructor(readonly source: string, readonly documentIndex: number, message: string) {
    super(`${source}: document ${documentIndex + 1}: ${message}`);
  }
}

/**
 * Parses a multi-document YAML stream; empty documents are skipped, broken ones throw YamlParseError.
 *
 * @public
 */
export function parseYaml(text: string, source = 'input'): unknown[] {
  const documents = parseAllDocuments(text, { uniqueKeys: true });
  const out: unknown[] = [];
  documents.forEach((document, index) => {
    if ('errors' in document && document.errors.length > 0) {
      throw new YamlParseError(source, index, document.errors[0].message);
    }
    const value = document.toJS({ maxAliasCount: 100 });
    if (value !== null && value !== undefined) out.push(value);
  });
  return out;
}
