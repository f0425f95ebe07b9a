// Prepares what the demo portal reads at start-up; data lives under the ignored .data folder.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { repoRoot } = require('./toolchain');

const dataDir = path.join(repoRoot, '.data');

/** Creates the demo data folder and returns the environment the portal needs to find it. */
function prepareDemoData() {
  fs.mkdirSync(dataDir, { recursive: true });
  return { MESHPORT_DATA_DIR: dataDir };
}

module.exports = { prepareDemoData, dataDir };
