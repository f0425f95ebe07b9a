import { InputError } from '@backstage/errors';

/**
 * Resolves the `${{ … }}` expressions of a scaffolder step's input against form values and earlier
 * step outputs, for a browser that previews what the step will receive. Only property paths
 * (`parameters.ports`, `steps.fetch.output.entity.metadata.annotations['x']`), quoted strings and
 * `a or b` (the first truthy) are supported: the mesh templates use nothing else. An expression that is the whole string keeps its value's type, as the
 * scaffolder does; inside a longer string it is interpolated.
 *
 * @public
 */
export function resolveTemplateInput(input: unknown, context: Record<string, unknown>): unknown {
  if (Array.isArray(input)) return input.map(item => resolveTemplateInput(item, context));
  if (input && typeof input === 'object') {
    return Object.fromEntries(Object.entries(input as Record<string, unknown>).map(([key, value]) => [key, resolveTemplateInput(value, context)]));
  }
  if (typeof input !== 'string') return input;
  // An expression holds no "$" or brace, so each scan stops at the next expression: linear in the input.
  const whole = /^\$\{\{([^${}]+)\}\}$/.exec(input);
  if (whole) return lookup(whole[1].trim(), context);
  return input.replace(/\$\{\{([^${}]+)\}\}/g, (_, expression: string) => String(lookup(expression.trim(), context) ?? ''));
}

/** The segments of a property path: `a.b['c.d'][0]` → ["a", "b", "c.d", "0"]. */
function pathSegments(expression: string): string[] {
  const segments: string[] = [];
  const pattern = /([A-Za-z_$][\w$-]*)|\[\s*'([^']*)'\s*\]|\[\s*"([^"]*)"\s*\]|\[\s*(\d+)\s*\]/g;
  let consumed = '';
  for (const match of expression.matchAll(pattern)) {
    segments.push(match[1] ?? match[2] ?? match[3] ?? match[4]);
    consumed += match[0];
  }
  if (consumed.replace(/\./g, '') !== expression.replace(/\s+/g, '').replace(/\./g, '')) {
    throw new InputError(`"${expression}" is not a property path`);
  }
  return segments;
}

function lookup(expression: string, context: Record<string, unknown>): unknown {
  const alternatives = expression.replace(/\s+/g, ' ').split(' or ');
  if (alternatives.length > 1) {
    const values = alternatives.map(alternative => lookup(alternative, context));
    return values.find(Boolean) ?? values[values.length - 1];
  }
  const literal = /^\s*(?:'([^']*)'|"([^"]*)")\s*$/.exec(expression);
  if (literal) return literal[1] ?? literal[2];
  return pathSegments(expression).reduce<unknown>(
    (value, key) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined),
    context,
  );
}
