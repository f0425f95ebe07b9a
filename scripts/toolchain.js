// Finds or fetches the toolchain this repository needs (Node >= 22 with headers, and the committed
// Yarn release) using nothing but the Node and npm that a fresh machine has.
'use strict';

const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const repoRoot = path.resolve(__dirname, '..');
const rootManifest = require(path.join(repoRoot, 'package.json'));
const toolchainDir = path.join(repoRoot, '.toolchain');
const minimumNodeMajor = 22;

/** The pinned npm package that ships a Node 22 binary together with its C headers. */
function pinnedNodePackage() {
  return rootManifest.meshport.toolchainNode;
}

function npm(args, options = {}) {
  return execFileSync('npm', args, {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    ...options,
  }).trim();
}

/** The npm setting named `key` as the environment has it, or undefined. */
function npmConfig(key) {
  try {
    const value = npm(['config', 'get', key]);
    return value && value !== 'undefined' && value !== 'null' ? value : undefined;
  } catch {
    return undefined;
  }
}

function nodeMajor(versionString) {
  return Number(versionString.replace(/^v/, '').split('.')[0]);
}

/** Unpacks the pinned Node package into .toolchain, once; returns its folder. */
function ensureDownloadedNode() {
  const spec = pinnedNodePackage();
  const version = spec.split('@').pop();
  const target = path.join(toolchainDir, `node-${version}`);
  const binary = path.join(target, 'bin', 'node');
  if (fs.existsSync(binary)) return target;

  process.stderr.write(`[meshport] Node ${process.versions.node} is older than ${minimumNodeMajor}; fetching ${spec} from the npm registry\n`);
  const staging = fs.mkdtempSync(path.join(repoRoot, '.toolchain-staging-'));
  try {
    const tarball = npm(['pack', spec, '--silent', '--pack-destination', staging]).split('\n').pop();
    execFileSync('tar', ['-xzf', path.join(staging, tarball), '-C', staging]);
    fs.chmodSync(path.join(staging, 'package', 'bin', 'node'), 0o755);
    fs.mkdirSync(toolchainDir, { recursive: true });
    fs.rmSync(target, { recursive: true, force: true });
    // A rename is atomic: an interrupted fetch never leaves a half-unpacked toolchain behind.
    fs.renameSync(path.join(staging, 'package'), target);
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
  return target;
}

/** The Node to run the project with: this one when new enough, else the downloaded one. */
function resolveNode() {
  if (nodeMajor(process.versions.node) >= minimumNodeMajor && !process.env.MESHPORT_FORCE_TOOLCHAIN) {
    return { node: process.execPath, nodedir: path.resolve(path.dirname(process.execPath), '..') };
  }
  const dir = ensureDownloadedNode();
  return { node: path.join(dir, 'bin', 'node'), nodedir: dir };
}

function yarnRelease() {
  const releases = path.join(repoRoot, '.yarn', 'releases');
  const file = fs.readdirSync(releases).find(name => name.endsWith('.cjs'));
  if (!file) throw new Error(`no Yarn release under ${releases}`);
  return path.join(releases, file);
}

/** Writes a `yarn` launcher into .toolchain/bin so that scripts calling `yarn` use the pinned one. */
function ensureYarnShim(node) {
  const bin = path.join(toolchainDir, 'bin');
  fs.mkdirSync(bin, { recursive: true });
  const shim = path.join(bin, 'yarn');
  const body = `#!/bin/sh\nexec "${node}" "${yarnRelease()}" "$@"\n`;
  if (!fs.existsSync(shim) || fs.readFileSync(shim, 'utf8') !== body) {
    fs.writeFileSync(shim, body, { mode: 0o755 });
  }
  return bin;
}

/** The environment every project command runs in: Node 22 first on PATH, local headers, registry from npm. */
function toolchainEnvironment() {
  const { node, nodedir } = resolveNode();
  const shimDir = ensureYarnShim(node);
  const env = { ...process.env };
  env.PATH = [path.dirname(node), shimDir, env.PATH].join(path.delimiter);
  env.npm_config_nodedir = nodedir;
  const registry = env.YARN_NPM_REGISTRY_SERVER || npmConfig('registry');
  if (registry) env.YARN_NPM_REGISTRY_SERVER = registry.replace(/\/$/, '');
  const cafile = npmConfig('cafile');
  if (cafile && !env.YARN_HTTPS_CA_FILE_PATH) env.YARN_HTTPS_CA_FILE_PATH = cafile;
  env.YARN_ENABLE_TELEMETRY = '0';
  return { env, node, yarn: yarnRelease() };
}

module.exports = { repoRoot, toolchainEnvironment };
