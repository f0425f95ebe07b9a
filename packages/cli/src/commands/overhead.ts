import { compareDataPlanes, formatFieldErrors, overheadForPolicy, parseMeshPolicy } from '@meshport/plugin-mesh-common';
import { CommandResult, readPolicyFile } from '../io';
import { describeDataPlanes, describeOverhead } from '../format';

const DATA_PLANES = ['sidecar', 'ambient', 'both'] as const;

/**
 * `meshport overhead --policy <file> [--data-plane sidecar|ambient|both] [--pods-per-node N] [--json]`:
 * the sidecar cost estimate, or each data plane's cost for the service side by side.
 */
export function runOverhead(options: { policy: string; json?: boolean; dataPlane?: string; podsPerNode?: string }): CommandResult {
  const usage = (message: string): CommandResult => ({ exitCode: 2, stdout: [], stderr: [message] });
  const dataPlane = options.dataPlane as (typeof DATA_PLANES)[number] | undefined;
  if (dataPlane !== undefined && !DATA_PLANES.includes(dataPlane))
    return usage(`--data-plane: must be one of ${DATA_PLANES.join(', ')}, not "${options.dataPlane}"`);
  const podsPerNode = options.podsPerNode === undefined ? undefined : Number(options.podsPerNode);
  if (podsPerNode !== undefined && (!Number.isInteger(podsPerNode) || podsPerNode < 1))
    return usage(`--pods-per-node: must be a whole number of 1 or more, not "${options.podsPerNode}"`);
  const parsed = parseMeshPolicy(readPolicyFile(options.policy));
  if (!parsed.ok) {
    return { exitCode: 2, stdout: [], stderr: [`${options.policy}: invalid policy`, ...formatFieldErrors(parsed.errors).split('\n')] };
  }
  if (dataPlane) {
    const comparison = compareDataPlanes(parsed.value, { podsPerNode });
    return { exitCode: 0, stdout: options.json ? [JSON.stringify(comparison, null, 2)] : describeDataPlanes(comparison, dataPlane), stderr: [] };
  }
  const estimate = overheadForPolicy(parsed.value);
  return { exitCode: 0, stdout: options.json ? [JSON.stringify(estimate, null, 2)] : describeOverhead(estimate), stderr: [] };
}
