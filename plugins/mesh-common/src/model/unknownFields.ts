/** Fields that were renamed, with what to write instead: a stored policy may be older than the model. */
export const RENAMED_FIELDS: Record<string, string> = {
  'jwt.paths':
    'was replaced by jwt.publicPaths: a token is now required on every path except the public ones (a token required on a few paths could be bypassed with another spelling of the path)',
};

type JsonSchema = { properties?: Record<string, JsonSchema>; items?: JsonSchema; anyOf?: JsonSchema[]; oneOf?: JsonSchema[]; allOf?: JsonSchema[] };

function variants(schema: JsonSchema): JsonSchema[] {
  const nested = [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])];
  return [schema, ...nested.flatMap(variants)];
}

/** The field names a JSON Schema allows at a path ("jwt", "rules", 0, …), across union variants. */
export function knownFieldsAt(schema: JsonSchema, path: ReadonlyArray<PropertyKey>): string[] {
  let current = variants(schema);
  const child = (s: JsonSchema, key: PropertyKey): JsonSchema | undefined => (typeof key === 'number' ? s.items : s.properties?.[String(key)]);
  for (const key of path) {
    current = current.flatMap(s => {
      const next = child(s, key);
      return next ? variants(next) : [];
    });
  }
  return [...new Set(current.flatMap(s => Object.keys(s.properties ?? {})))];
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const saved = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1].toLowerCase() === b[j - 1].toLowerCase() ? 0 : 1));
      previous = saved;
    }
  }
  return row[b.length];
}

/** The known name closest to a misspelt one, when it is close enough to be what was meant. */
export function closestField(name: string, known: string[]): string | undefined {
  let best: { field: string; score: number } | undefined;
  for (const field of known) {
    const score = distance(name, field);
    if (!best || score < best.score) best = { field, score };
  }
  return best && best.score <= Math.max(2, Math.floor(name.length / 3)) ? best.field : undefined;
}
