import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { findRepoRoot } from '@meshport/test-harness';

// `yarn lint` runs every package's .eslintrc.js; each adds eslint-plugin-regexp's super-linear rules, so a
// pattern that backtracks or moves super-linearly on untrusted text fails CI rather than waiting for review;
// and the libraries and mesh-backend list their folders in layers.js, so an import from a layer above fails too.

const repoRoot = findRepoRoot();
const packages = [
  'packages/istio-config',
  'plugins/mesh-common',
  'plugins/mesh-status-node',
  'plugins/mesh-node',
  'plugins/mesh-backend',
  'plugins/scaffolder-backend-module-mesh',
  'plugins/mesh',
  'packages/cli',
];

/** The rules ESLint reports for `code` as a source file of the package, run as `yarn lint` runs it (the package's own config). */
async function ruleIds(packageDir: string, code: string, file = 'lintProbe.ts'): Promise<string[]> {
  const eslint = path.join(repoRoot, 'node_modules', 'eslint', 'bin', 'eslint.js');
  const run = spawnSync(process.execPath, [eslint, '--format', 'json', '--stdin', '--stdin-filename', path.join('src', file)], {
    cwd: path.join(repoRoot, packageDir),
    input: code,
    encoding: 'utf8',
  });
  if (!run.stdout.trim().startsWith('[')) throw new Error(`eslint failed: ${run.stderr}`);
  const [result] = JSON.parse(run.stdout) as Array<{ messages: Array<{ ruleId: string | null; message: string }> }>;
  return result.messages.map(message => message.ruleId ?? message.message);
}

describe('the regular-expression rules of yarn lint', () => {
  jest.setTimeout(60_000);

  it.each(packages)('%s refuses a pattern that backtracks super-linearly and one that moves super-linearly', async packageDir => {
    expect(await ruleIds(packageDir, 'export const quantity = /^([0-9.]+)([0-9]*)x$/;\n')).toContain('regexp/no-super-linear-backtracking');
    expect(await ruleIds(packageDir, "export const trim = (text: string) => text.replace(/\\/+$/, '');\n")).toContain('regexp/no-super-linear-move');
  });

  it('accepts the linear forms of the same checks', async () => {
    expect(await ruleIds('plugins/mesh-common', 'export const quantity = /^[0-9.]+x$/;\n')).toEqual([]);
  });
});

describe('the layers of yarn lint', () => {
  jest.setTimeout(60_000);

  it.each([
    ['packages/istio-config', 'istio/lintProbe.ts', "import { analyze } from '../analyze/analyze';\n\nexport const probe = analyze;\n"],
    ['plugins/mesh-common', 'model/lintProbe.ts', "import { renderPolicy } from '../render/renderPolicy';\n\nexport const probe = renderPolicy;\n"],
    ['plugins/mesh-status-node', 'cluster/lintProbe.ts', "import { trafficStatus } from '../status/traffic';\n\nexport const probe = trafficStatus;\n"],
    [
      'plugins/mesh-backend',
      'cluster/lintProbe.ts',
      "import { EntityStatusService } from '../status/entityStatusService';\n\nexport const probe = EntityStatusService;\n",
    ],
  ])('%s refuses an import from a layer above (%s)', async (packageDir, file, code) => {
    expect(await ruleIds(packageDir, code, file)).toContain('import/no-restricted-paths');
  });

  it('takes an import from a layer below', async () => {
    expect(
      await ruleIds(
        'plugins/mesh-status-node',
        "import { storeFromDocuments } from '../cluster/clusterObjectStore';\n\nexport const probe = storeFromDocuments;\n",
        'status/lintProbe.ts',
      ),
    ).toEqual([]);
  });
});
