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
  execFileSync('git', args, { cwd, env: gitEnv, stdio: ['ignore', 'ignore', 'pipe'] });
}

const SEED_README = `# Demo GitOps repository

The portal's mesh templates propose their changes here, on branches named meshport/<namespace>/<service>.
Inspect them with \`git -C .data/gitops.git log --all --oneline\`, or clone this repository.
`;

/**
 * The local GitOps repository the templates target when a form names none: a bare repository with a
 * first commit on main. Created once; what earlier runs pushed stays.
 */
function ensureGitopsRepository() {
  const bare = path.join(dataDir, 'gitops.git');
  if (fs.existsSync(path.join(bare, 'HEAD'))) return bare;
  const seed = fs.mkdtempSync(path.join(os.tmpdir(), 'meshport-gitops-seed-'));
  try {
    git(dataDir, 'init', '--quiet', '--bare', '--initial-branch=main', bare);
    git(seed, 'init', '--quiet', '--initial-branch=main');
    fs.writeFileSync(path.join(seed, 'README.md'), SEED_README);
    git(seed, 'add', 'README.md');
    git(seed, 'commit', '--quiet', '-m', 'Start the demo GitOps repository');
    git(seed, 'push', '--quiet', bare, 'main');
  } finally {
    fs.rmSync(seed, { recursive: true, force: true });
  }
  return bare;
}

/** Creates the demo data and returns the environment the portal needs to find it. */
function prepareDemoData() {
  fs.mkdirSync(dataDir, { recursive: true });
  const gitops = ensureGitopsRepository();
  return { MESHPORT_DATA_DIR: dataDir, MESHPORT_GITOPS_REPO_URL: `file://${gitops}` };
}

module.exports = { prepareDemoData, dataDir };
