// The plugins' API reports, made from a fresh declaration build: `node scripts/api-reports.js` rewrites
// them, `--ci` fails when one differs. Fresh because TypeScript prints the members of an inferred union
// (the policy model's zod enums) in the order it created them, which an incremental build can change.
'use strict';

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { repoRoot, toolchainEnvironment } = require('./toolchain');

const OMITTED = ['ae-undocumented', 'ae-wrong-input-file-type'];

const toolchain = toolchainEnvironment();

function yarn(args) {
  const result = spawnSync(toolchain.node, [toolchain.yarn, ...args], { cwd: repoRoot, env: toolchain.env, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status || 1);
}

/** Every plugin, and the libraries among the packages (the apps and the CLI publish no API). */
const libraryRole = role => role === 'common-library' || role === 'node-library' || role === 'web-library';
const packagesIn = (folder, wanted) =>
  fs
    .readdirSync(path.join(repoRoot, folder), { withFileTypes: true })
    .map(entry => `${folder}/${entry.name}`)
    .filter(dir => fs.existsSync(path.join(repoRoot, dir, 'package.json')))
    .filter(dir => wanted(JSON.parse(fs.readFileSync(path.join(repoRoot, dir, 'package.json'), 'utf8')).backstage?.role));
const plugins = [...packagesIn('plugins', () => true), ...packagesIn('packages', libraryRole)];

fs.rmSync(path.join(repoRoot, 'dist-types'), { recursive: true, force: true });
yarn(['tsc', '--incremental', 'false']);
yarn([
  'backstage-repo-tools',
  'api-reports',
  ...(process.argv.includes('--ci') ? ['--ci'] : []),
  '-o',
  OMITTED.join(','),
  '--validate-release-tags',
  ...plugins,
]);
