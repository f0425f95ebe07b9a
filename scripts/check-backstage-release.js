// Fails when the installed tree mixes Backstage releases: every @backstage/* package in yarn.lock must
// resolve to exactly one version, that version must be the pin in package.json `resolutions`, and every
// workspace's direct @backstage/* dependency must accept the pin.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { backstageVersionsInLock } = require('./backstage-lock');

/** Returns the list of problems; empty when the tree is on one release. */
function findReleaseProblems(repoRoot, satisfies) {
  const problems = [];
  const rootManifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
  const pins = Object.fromEntries(Object.entries(rootManifest.resolutions ?? {}).filter(([name]) => name.startsWith('@backstage/')));

  for (const [name, versions] of backstageVersionsInLock(repoRoot)) {
    if (versions.size > 1) problems.push(`${name} resolves to ${versions.size} versions: ${[...versions].join(', ')}`);
    if (!pins[name]) problems.push(`${name} is in yarn.lock but not pinned in package.json resolutions (run node scripts/pin-backstage.js)`);
    else if (!versions.has(pins[name])) problems.push(`${name} is pinned to ${pins[name]} but yarn.lock has ${[...versions].join(', ')}`);
  }

  for (const group of ['.', 'packages', 'plugins']) {
    const dirs = group === '.' ? [repoRoot] : listDirs(path.join(repoRoot, group));
    for (const dir of dirs) {
      const file = path.join(dir, 'package.json');
      if (!fs.existsSync(file)) continue;
      const manifest = JSON.parse(fs.readFileSync(file, 'utf8'));
      for (const field of ['dependencies', 'devDependencies', 'peerDependencies']) {
        for (const [name, range] of Object.entries(manifest[field] ?? {})) {
          if (!name.startsWith('@backstage/') || !pins[name] || (field === 'peerDependencies' && range === '*')) continue;
          if (!satisfies(pins[name], range)) {
            problems.push(`${path.relative(repoRoot, file)} ${field}.${name} is "${range}", which does not accept the pinned ${pins[name]}`);
          }
        }
      }
    }
  }
  return problems;
}

function listDirs(dir) {
  return fs.existsSync(dir) ? fs.readdirSync(dir).map(name => path.join(dir, name)) : [];
}

module.exports = { findReleaseProblems };

if (require.main === module) {
  const repoRoot = path.resolve(__dirname, '..');
  const semver = require(require.resolve('semver', { paths: [repoRoot] }));
  const release = JSON.parse(fs.readFileSync(path.join(repoRoot, 'backstage.json'), 'utf8')).version;
  const problems = findReleaseProblems(repoRoot, (version, range) => semver.satisfies(version, range));
  if (problems.length > 0) {
    console.error(`Backstage packages are not on one release (backstage.json says ${release}):`);
    for (const problem of problems) console.error(`  - ${problem}`);
    process.exit(1);
  }
  console.log(`All @backstage/* packages are on one release (${release}).`);
}
