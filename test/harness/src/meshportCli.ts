import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { findRepoRoot } from './repoRoot';

/** Runs the real `meshport` command (packages/cli/bin/meshport) and returns its exit code and output. */
export function runMeshport(args: string[]): { exitCode: number; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [path.join(findRepoRoot(), 'packages/cli/bin/meshport'), ...args], { encoding: 'utf8', timeout: 120_000 });
  return { exitCode: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}
