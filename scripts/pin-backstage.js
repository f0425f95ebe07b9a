// Maintainer tool, run after adding or bumping a @backstage/* dependency and `yarn install`:
// records every @backstage/* version the lockfile holds as an exact `resolutions` pin, so the whole
// tree stays on one Backstage release. `npm run check:backstage-versions` then guards it.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { backstageVersionsInLock } = require('./backstage-lock');

const repoRoot = path.resolve(__dirname, '..');
const manifestPath = path.join(repoRoot, 'package.json');
const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
const pins = {};
for (const [name, versions] of [...backstageVersionsInLock(repoRoot)].sort(([a], [b]) => a.localeCompare(b))) {
  if (versions.size > 1) {
    throw new Error(`${name} resolves to several versions (${[...versions].join(', ')}); align the direct dependencies first`);
  }
  pins[name] = [...versions][0];
}
const others = Object.fromEntries(Object.entries(manifest.resolutions ?? {}).filter(([name]) => !name.startsWith('@backstage/')));
manifest.resolutions = { ...others, ...pins };
fs.writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
console.log(`pinned ${Object.keys(pins).length} @backstage/* packages`);
