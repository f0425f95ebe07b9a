import { toYaml } from '../yaml/serialize';

/**
 * The file in which a render stores the policy it rendered, beside the manifests: the next form is laid over it.
 *
 * @public
 */
export const POLICY_FILE = 'meshport-policy.yaml';

const POLICY_FILE_HEADER =
  "# The Meshport policy this folder is rendered from. Change it through the portal's mesh templates:\n" +
  '# the files listed in meshport-owned.yaml are regenerated from it.\n';

/**
 * The text of {@link POLICY_FILE} for a policy document, as the action writes it and the preview shows it.
 *
 * @public
 */
export function policyFileText(policyDocument: unknown): string {
  return POLICY_FILE_HEADER + toYaml([policyDocument]);
}
