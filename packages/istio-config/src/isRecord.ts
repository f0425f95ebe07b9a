/**
 * A mapping as YAML and JSON read them: an object that is neither null nor an array.
 *
 * @public
 */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
