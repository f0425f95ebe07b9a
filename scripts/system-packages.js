// The Debian packages the project uses beyond Node, installed with apt-get when they are missing and the
// user may install (root, or sudo without a password): `npm test` needs all three, `npm start` Prometheus
// for the demo cluster. Elsewhere, or with MESHPORT_SYSTEM_PACKAGES=off, it says what is missing and
// carries on: the suites that need a package skip with the reason (CI fails them instead).
'use strict';

const { spawnSync } = require('node:child_process');

/** Each package, and how to tell it is there. */
const PACKAGES = {
  chromium: ['sh', '-c', 'command -v chromium'],
  prometheus: ['sh', '-c', 'command -v prometheus && command -v promtool'],
  // PyYAML: the YAML 1.1 reader the round-trip test reads rendered manifests back with.
  'python3-yaml': ['python3', '-c', 'import yaml'],
};

function succeeds([command, ...args], env) {
  return spawnSync(command, args, { stdio: 'ignore', env }).status === 0;
}

/** apt-get as root, or through sudo when it asks no password; undefined when neither is possible. */
function asRoot(env) {
  if (process.getuid && process.getuid() === 0) return [];
  return succeeds(['sudo', '-n', 'true'], env) ? ['sudo', '-n'] : undefined;
}

function aptGet(prefix, args, env) {
  const [command, ...rest] = [...prefix, 'apt-get', ...args];
  return (
    spawnSync(command, rest, {
      stdio: 'inherit',
      env: { ...env, DEBIAN_FRONTEND: 'noninteractive' },
    }).status === 0
  );
}

/** Installs the named packages that are missing, when it may; never throws. */
function ensureSystemPackages(names, env = process.env) {
  const missing = names.filter(name => !succeeds(PACKAGES[name], env));
  if (missing.length === 0) return;
  const prefix = env.MESHPORT_SYSTEM_PACKAGES === 'off' ? undefined : asRoot(env);
  const hasApt = succeeds(['sh', '-c', 'command -v apt-get'], env);
  if (!prefix || !hasApt) {
    process.stderr.write(`[meshport] not installed: ${missing.join(', ')} (apt-get install ${missing.join(' ')}); what needs them skips (under CI, fails)\n`);
    return;
  }
  process.stderr.write(`[meshport] installing from Debian: ${missing.join(', ')}\n`);
  if (!aptGet(prefix, ['update', '-q'], env) || !aptGet(prefix, ['install', '-y', '-q', ...missing], env)) {
    process.stderr.write(`[meshport] apt-get could not install ${missing.join(', ')}; what needs them skips (under CI, fails)\n`);
  }
}

module.exports = { ensureSystemPackages };

if (require.main === module) ensureSystemPackages(process.argv.slice(2));
