// Installs the workspace with the pinned Yarn under Node >= 22, and skips the work when nothing changed.
'use strict';

const { execFileSync, spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { repoRoot, toolchainEnvironment } = require('./toolchain');

const stampFile = path.join(repoRoot, 'node_modules', '.meshport-install-stamp');

function workspaceManifests() {
  const found = [path.join(repoRoot, 'package.json')];
  for (const group of ['packages', 'plugins', 'test']) {
    const dir = path.join(repoRoot, group);
    if (!fs.existsSync(dir)) continue;
    for (const name of fs.readdirSync(dir).sort()) {
      const manifest = path.join(dir, name, 'package.json');
      if (fs.existsSync(manifest)) found.push(manifest);
    }
  }
  return found;
}

/** A digest of everything that decides what an install produces, native module ABI included. */
function installFingerprint(node) {
  const hash = crypto.createHash('sha256');
  hash.update(execFileSync(node, ['-p', 'process.versions.modules'], { encoding: 'utf8' }));
  for (const file of [...workspaceManifests(), path.join(repoRoot, 'yarn.lock'), path.join(repoRoot, '.yarnrc.yml')]) {
    hash.update(file);
    hash.update(fs.existsSync(file) ? fs.readFileSync(file) : '');
  }
  return hash.digest('hex');
}

/** Runs `yarn <args>` with the toolchain; exits this process when it fails. */
function yarn(toolchain, args, options = {}) {
  const result = spawnSync(toolchain.node, [toolchain.yarn, ...args], {
    cwd: repoRoot,
    env: toolchain.env,
    stdio: 'inherit',
    ...options,
  });
  if (result.status !== 0) {
    process.stderr.write(`[meshport] yarn ${args.join(' ')} failed (exit ${result.status ?? result.signal})\n`);
    process.exit(result.status || 1);
  }
  return result;
}

/** Makes sure dependencies are installed; returns the toolchain for further commands. */
function ensureInstalled() {
  const toolchain = toolchainEnvironment();
  const fingerprint = installFingerprint(toolchain.node);
  const current = fs.existsSync(stampFile) ? fs.readFileSync(stampFile, 'utf8') : '';
  if (current === fingerprint) return toolchain;

  process.stderr.write('[meshport] installing dependencies (yarn install)\n');
  // The committed lockfile is the contract: never rewrite it on a user's machine or in CI.
  yarn(toolchain, ['install', '--immutable'], { env: { ...toolchain.env, YARN_ENABLE_IMMUTABLE_INSTALLS: '1' } });
  fs.writeFileSync(stampFile, fingerprint);
  return toolchain;
}

module.exports = { ensureInstalled, yarn };

if (require.main === module) ensureInstalled();
