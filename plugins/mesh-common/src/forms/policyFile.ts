import { toYaml } from '@meshport/istio-config';

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
 * Why a form that changes the stored policy (an edit, a canary step) cannot: Git holds none for the service
 * where the change starts (Meshport's change branch, else the target branch).
 *
 * @public
 */
export const NO_STORED_POLICY =
  'the folder holds no Meshport policy (meshport-policy.yaml) in Git to change; put the service on the mesh first (mesh-onboard-service)';

/**
 * The text of {@link POLICY_FILE} for a policy document, as the action writes it and the preview shows it.
 *
 * @public
 */
export function policyFileText(policyDocument: unknown): string {
  return POLICY_FILE_HEADER + toYaml([policyDocument]);
}
