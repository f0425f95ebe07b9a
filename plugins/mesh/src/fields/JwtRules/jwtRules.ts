import { parseJwtSection } from '@meshport/plugin-mesh-common';

/**
 * What the JwtRules field edits: one issuer and the claim conditions.
 *
 * @public
 */
export interface JwtRulesValue {
  issuer?: string;
  jwksUri?: string;
  audiences?: string[];
  claims?: Array<{ claim?: string; values?: string[] }>;
}

/** Field name in the form for a path of the policy's JWT section. */
function formField(field: string): string {
  return field.replace(/^jwt\.rules\[0\]\./, '').replace(/^jwt\./, '');
}

/**
 * The value's problems by form field ("issuer", "jwksUri", "claims[0].values"), from the same model the
 * renderer and the scaffolder action use, so the form refuses exactly what the action would.
 */
export function jwtRulesErrors(value: JwtRulesValue | undefined): Record<string, string> {
  const input = {
    rules: [{ issuer: value?.issuer ?? '', jwksUri: value?.jwksUri ?? '', audiences: (value?.audiences ?? []).filter(Boolean) }],
    claims: (value?.claims ?? []).map(c => ({ claim: c.claim ?? '', values: (c.values ?? []).filter(Boolean) })),
  };
  const result = parseJwtSection(input);
  if (result.ok) return {};
  const errors: Record<string, string> = {};
  for (const error of result.errors) errors[formField(error.field)] ??= error.message;
  return errors;
}
