import { formatFieldErrors, overheadForPolicy, parseMeshPolicy } from '@meshport/plugin-mesh-common';
import { CommandResult, readPolicyFile } from '../io';
import { describeOverhead } from '../format';

/** `meshport overhead --policy <file> [--json]`: the sidecar cost estimate. */
export function runOverhead(options: { policy: string; json?: boolean }): CommandResult {
  const parsed = parseMeshPolicy(readPolicyFile(options.policy));
  if (!parsed.ok) {
    return { exitCode: 2, stdout: [], stderr: [`${options.policy}: invalid policy`, ...formatFieldErrors(parsed.errors).split('\n')] };
  }
  const estimate = overheadForPolicy(parsed.value);
  return { exitCode: 0, stdout: options.json ? [JSON.stringify(estimate, null, 2)] : describeOverhead(estimate), stderr: [] };
}
