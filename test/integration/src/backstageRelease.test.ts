import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import semver from 'semver';
import { findRepoRoot } from '@meshport/test-harness';

type FindReleaseProblems = (repoRoot: string, satisfies: (version: string, range: string) => boolean) => string[];

const repoRoot = findRepoRoot();
const { findReleaseProblems } = require(path.join(repoRoot, 'scripts', 'check-backstage-release.js')) as {
  findReleaseProblems: FindReleaseProblems;
};
const satisfies = (version: string, range: string) => semver.satisfies(version, range);

function lockEntry(name: string, version: string) {
  return `"${name}@npm:^${version}":\n  version: ${version}\n  resolution: "${name}@npm:${version}"\n  languageName: node\n  linkType: hard\n`;
}

function fixtureRepo(options: { lock: Array<[string, string]>; resolutions: Record<string, string>; backendDependencies?: Record<string, string> }): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meshport-release-'));
  fs.writeFileSync(path.join(dir, 'yarn.lock'), options.lock.map(([n, v]) => lockEntry(n, v)).join('\n'));
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ workspaces: ['packages/*'], resolutions: options.resolutions }));
  fs.mkdirSync(path.join(dir, 'packages', 'backend'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'packages', 'backend', 'package.json'), JSON.stringify({ name: 'backend', dependencies: options.backendDependencies ?? {} }));
  return dir;
}

describe('the Backstage release check', () => {
  it('accepts this repository as it is committed', () => {
    expect(findReleaseProblems(repoRoot, satisfies)).toEqual([]);
  });

  it('accepts a tree where each package has its pinned version', () => {
    const dir = fixtureRepo({
      lock: [
        ['@backstage/backend-defaults', '0.19.0'],
        ['@backstage/plugin-signals-backend', '0.3.21'],
      ],
      resolutions: { '@backstage/backend-defaults': '0.19.0', '@backstage/plugin-signals-backend': '0.3.21' },
      backendDependencies: { '@backstage/backend-defaults': '0.19.0' },
    });
    expect(findReleaseProblems(dir, satisfies)).toEqual([]);
  });

  it('rejects a package resolved to two versions (two releases in one tree)', () => {
    const dir = fixtureRepo({
      lock: [
        ['@backstage/backend-plugin-api', '1.12.0'],
        ['@backstage/backend-plugin-api', '1.4.0'],
      ],
      resolutions: { '@backstage/backend-plugin-api': '1.12.0' },
    });
    expect(findReleaseProblems(dir, satisfies)).toEqual(['@backstage/backend-plugin-api resolves to 2 versions: 1.12.0, 1.4.0']);
  });

  it('rejects a package that is not pinned, and one whose lock differs from its pin', () => {
    const dir = fixtureRepo({
      lock: [
        ['@backstage/plugin-signals-backend', '0.3.21'],
        ['@backstage/config', '1.3.9'],
      ],
      resolutions: { '@backstage/config': '1.3.11' },
    });
    expect(findReleaseProblems(dir, satisfies)).toEqual([
      '@backstage/plugin-signals-backend is in yarn.lock but not pinned in package.json resolutions (run node scripts/pin-backstage.js)',
      '@backstage/config is pinned to 1.3.11 but yarn.lock has 1.3.9',
    ]);
  });

  it('rejects a workspace dependency range that excludes the pinned version', () => {
    const dir = fixtureRepo({
      lock: [['@backstage/backend-defaults', '0.19.0']],
      resolutions: { '@backstage/backend-defaults': '0.19.0' },
      backendDependencies: { '@backstage/backend-defaults': '^0.18.0' },
    });
    expect(findReleaseProblems(dir, satisfies)).toEqual([
      'packages/backend/package.json dependencies.@backstage/backend-defaults is "^0.18.0", which does not accept the pinned 0.19.0',
    ]);
  });
});
