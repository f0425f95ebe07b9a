// Reads which @backstage/* versions the lockfile resolved; shared by the pin tool and the release check.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const resolutionLine = /^ {2}resolution: "(@backstage\/[^@"]+)@npm:([^"]+)"$/;

/** Map of @backstage package name to the set of versions yarn.lock resolves it to. */
function backstageVersionsInLock(repoRoot) {
  const versions = new Map();
  const lock = fs.readFileSync(path.join(repoRoot, 'yarn.lock'), 'utf8');
  for (const line of lock.split('\n')) {
    const match = resolutionLine.exec(line);
    if (!match) continue;
    const [, name, version] = match;
    if (!versions.has(name)) versions.set(name, new Set());
    versions.get(name).add(version);
  }
  return versions;
}

module.exports = { backstageVersionsInLock };
