import { parseAllDocuments, stringify } from 'yaml';

/** Serializes objects as a multi-document YAML stream (one object per document). */
export function toYaml(objects: unknown[]): string {
  return objects
    .map(object => stringify(object, { lineWidth: 0, aliasDuplicateObjects: false }))
    .join('---\n');
}

/** A YAML document that could not be read. */
export class YamlParseError extends Error {
  constructor(readonly source: string, readonly documentIndex: number, message: string) {
    super(`${source}: document ${documentIndex + 1}: ${message}`);
    this.name = 'YamlParseError';
  }
}

/** Parses a multi-document YAML stream; empty documents are skipped, broken ones throw YamlParseError. */
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
