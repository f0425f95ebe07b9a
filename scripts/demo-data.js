// Prepares what the demo portal reads at start-up; data lives under the ignored .data folder.
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { repoRoot } = require('./toolchain');

const dataDir = process.env.MESHPORT_DATA_DIR || path.join(repoRoot, '.data');

const gitEnv = {
  ...process.env,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'Meshport demo',
  GIT_AUTHOR_EMAIL: 'demo@meshport.invalid',
  GIT_COMMITTER_NAME: 'Meshport demo',
  GIT_COMMITTER_EMAIL: 'demo@meshport.invalid',
};

function git(cwd, ...args) {
  execFileSync('git', args, {
    cwd,
    env: gitEnv,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
}

const SEED_README = `# Demo GitOps repository

The portal's mesh templates propose their changes here, on branches named meshport/<namespace>/<service>.
Inspect them with \`git -C .data/gitops.git log --all --oneline\`, or clone this repository.
`;

/** The files Meshport wrote when the demo's order-service was onboarded, rendered now by the scaffolder's own code. */
async function mergedOrderServiceFiles() {
  // Both are TypeScript, run as written.
  require('@backstage/cli-node/config/nodeTransform.cjs');
  const { renderToFolder } = require('../plugins/scaffolder-backend-module-mesh/src/render/renderToFolder');
  const { DEMO_MERGED_FOLDER, demoOrderServicePolicy } = require('../test/harness/src/kube/demoGitops');
  const emptyRepository = {
    readFolder: async () => ({ files: new Map(), unreadable: [] }),
  };
  const outcome = await renderToFolder(emptyRepository, DEMO_MERGED_FOLDER, [], {
    kind: 'service',
    policy: demoOrderServicePolicy,
  });
  return outcome.plan.writes.map(write => ({
    path: `${DEMO_MERGED_FOLDER}/${write.path}`,
    content: write.content,
  }));
}

/**
 * The local GitOps repository the templates target when a form names none: a bare repository whose main
 * holds a README and order-service's merged folder (the demo cluster runs it, but for one drifted object).
 * What earlier runs pushed stays; the folder is added to main when it is missing.
 */
async function ensureGitopsRepository(directory) {
  const bare = path.join(directory, 'gitops.git');
  const created = !fs.existsSync(path.join(bare, 'HEAD'));
  if (created) git(directory, 'init', '--quiet', '--bare', '--initial-branch=main', bare);
  const seed = fs.mkdtempSync(path.join(os.tmpdir(), 'meshport-gitops-seed-'));
  try {
    if (created) {
      git(seed, 'init', '--quiet', '--initial-branch=main');
      fs.writeFileSync(path.join(seed, 'README.md'), SEED_README);
      git(seed, 'add', 'README.md');
      git(seed, 'commit', '--quiet', '-m', 'Start the demo GitOps repository');
    } else {
      git(seed, 'clone', '--quiet', '--branch', 'main', bare, '.');
    }
    const files = await mergedOrderServiceFiles();
    if (!fs.existsSync(path.join(seed, path.dirname(files[0].path)))) {
      for (const file of files) {
        fs.mkdirSync(path.dirname(path.join(seed, file.path)), {
          recursive: true,
        });
        fs.writeFileSync(path.join(seed, file.path), file.content);
      }
      git(seed, 'add', '--all');
      git(seed, 'commit', '--quiet', '-m', 'Mesh configuration for order-service.orders');
    }
    git(seed, 'push', '--quiet', bare, 'main');
  } finally {
    fs.rmSync(seed, { recursive: true, force: true });
  }
  return bare;
}

/** Creates the demo data (in `directory`, else the data folder) and returns the environment the portal needs to find it. */
async function prepareDemoData(directory = dataDir) {
  fs.mkdirSync(directory, { recursive: true });
  const gitops = await ensureGitopsRepository(directory);
  return {
    MESHPORT_DATA_DIR: directory,
    MESHPORT_GITOPS_REPO_URL: `file://${gitops}`,
  };
}

module.exports = { prepareDemoData, dataDir };
