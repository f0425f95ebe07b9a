// Installs Meshport into a stock Backstage app as a platform team would, with only what the README's
// "Add Meshport to your Backstage" section says: packs the plugins, creates an app with @backstage/create-app
// from the registry, pins it to this repository's Backstage release, adds the packed plugins and the
// README's lines, type-checks the app, starts its backend and asks the mesh status API for a demo entity.
'use strict';

const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { repoRoot, toolchainEnvironment } = require('./toolchain');

const PUBLISHED = [
  'packages/istio-config',
  'plugins/mesh-common',
  'plugins/mesh-status-node',
  'plugins/mesh-node',
  'plugins/mesh-backend',
  'plugins/scaffolder-backend-module-mesh',
  'plugins/mesh',
];
const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
const toolchain = toolchainEnvironment();

function step(label, command, args, options = {}) {
  process.stdout.write(`\n[stock app] ${label}\n`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: toolchain.env, ...options });
  if (result.status !== 0) throw new Error(`${label} failed (exit ${result.status ?? result.signal})`);
}

// The stock app gets a new lockfile: Yarn refuses to write one under CI unless told it may.
const yarnIn = (cwd, label, args) =>
  step(label, toolchain.node, [toolchain.yarn, ...args], {
    cwd,
    env: cwd === repoRoot ? toolchain.env : { ...toolchain.env, YARN_ENABLE_IMMUTABLE_INSTALLS: 'false' },
  });

/** The README's section, and the lines it gives for a file (its code blocks, by the comment that names the file). */
function readmeSection() {
  const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  const start = readme.indexOf('## Add Meshport to your Backstage');
  if (start < 0) throw new Error('README.md has no "Add Meshport to your Backstage" section');
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end < 0 ? undefined : end);
}

function linesFor(section, file) {
  const blocks = [...section.matchAll(/```\w*\n([\s\S]*?)```/g)].map(match => match[1]);
  const block = blocks.find(text => text.startsWith(`// ${file}`) || text.startsWith(`# ${file}`));
  if (!block) throw new Error(`the README's section gives no lines for ${file}`);
  return block
    .split('\n')
    .slice(1)
    .filter(line => line.trim() && !line.trim().startsWith('//'));
}

function packPlugins(packs) {
  yarnIn(repoRoot, 'declarations for the packages (yarn tsc)', ['tsc']);
  return Object.fromEntries(
    PUBLISHED.map(dir => {
      const { name } = JSON.parse(fs.readFileSync(path.join(repoRoot, dir, 'package.json'), 'utf8'));
      yarnIn(repoRoot, `build ${name}`, ['workspace', name, 'build']);
      const tgz = path.join(packs, `${name.replace('/', '-')}.tgz`);
      yarnIn(repoRoot, `pack ${name}`, ['workspace', name, 'pack', '--out', tgz]);
      return [name, `file:${tgz}`];
    }),
  );
}

function createApp(work) {
  const version = manifest.meshport.stockAppCreateApp;
  const app = path.join(work, 'app');
  step(
    `create an app with @backstage/create-app@${version}`,
    'npm',
    ['exec', '--yes', `@backstage/create-app@${version}`, '--', '--path', app, '--skip-install'],
    {
      cwd: work,
      env: { ...toolchain.env, BACKSTAGE_APP_NAME: 'stock-app', npm_config_registry: toolchain.env.YARN_NPM_REGISTRY_SERVER },
    },
  );
  return app;
}

/** This repository's Backstage release for every @backstage/* package, and the packed plugins for Meshport's. */
function pin(app, packed) {
  const file = path.join(app, 'package.json');
  const root = JSON.parse(fs.readFileSync(file, 'utf8'));
  const backstagePins = Object.fromEntries(Object.entries(manifest.resolutions).filter(([name]) => name.startsWith('@backstage/')));
  root.resolutions = { ...root.resolutions, ...backstagePins, ...packed };
  fs.writeFileSync(file, `${JSON.stringify(root, null, 2)}\n`);
  fs.copyFileSync(path.join(repoRoot, 'backstage.json'), path.join(app, 'backstage.json'));
}

/** What the README's section says to add: the packages, the backend's and the app's lines. */
function addMeshport(app, packed, section) {
  const added = [...section.matchAll(/yarn --cwd (packages\/\w+) add ([^\n]+)/g)];
  if (added.length === 0) throw new Error("the README's section says no `yarn --cwd … add` to run");
  for (const [, workspace, names] of added) {
    yarnIn(app, `add to ${workspace}: ${names}`, [
      '--cwd',
      workspace,
      'add',
      ...names
        .trim()
        .split(/\s+/)
        .map(name => `${name}@${packed[name]}`),
    ]);
  }
  const backendFile = path.join(app, 'packages/backend/src/index.ts');
  const backend = fs.readFileSync(backendFile, 'utf8');
  fs.writeFileSync(backendFile, backend.replace('backend.start();', `${linesFor(section, 'packages/backend/src/index.ts').join('\n')}\n\nbackend.start();`));
  const appFile = path.join(app, 'packages/app/src/App.tsx');
  const [importLine, ...features] = linesFor(section, 'packages/app/src/App.tsx');
  const appSource = fs.readFileSync(appFile, 'utf8');
  if (!appSource.includes('features: [')) throw new Error("the stock app's App.tsx has no features list");
  fs.writeFileSync(appFile, `${importLine}\n${appSource.replace('features: [', `features: [${features.map(f => f.trim()).join(' ')} `)}`);
}

/** The README's configuration, pointed at this repository's demo snapshot and catalog. */
function configFile(app, section) {
  const config = linesFor(section, 'app-config.yaml')
    .join('\n')
    .replace(/\/path\/to\/meshport/g, repoRoot);
  const file = path.join(app, 'app-config.meshport.yaml');
  fs.writeFileSync(file, `${config}\n`);
  return file;
}

async function askStatus(app, config) {
  const port = 7100 + Math.floor(Math.random() * 800);
  const baseUrl = `http://localhost:${port}`;
  process.stdout.write(`\n[stock app] start its backend on ${baseUrl}\n`);
  const backend = spawn(toolchain.node, [toolchain.yarn, 'workspace', 'backend', 'start', '--config', '../../app-config.yaml', '--config', config], {
    cwd: app,
    env: { ...toolchain.env, APP_CONFIG_backend_baseUrl: baseUrl, APP_CONFIG_backend_listen_port: String(port), NODE_ENV: 'development' },
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: true,
  });
  try {
    const deadline = Date.now() + 300_000;
    for (;;) {
      const ready = await fetch(`${baseUrl}/.backstage/health/v1/readiness`).then(
        r => r.ok,
        () => false,
      );
      if (ready) break;
      if (Date.now() > deadline || backend.exitCode !== null) throw new Error('the stock backend did not become ready');
      await new Promise(resolve => setTimeout(resolve, 2000));
    }
    const token = await fetch(`${baseUrl}/api/auth/guest/refresh?env=development`, { headers: { 'x-requested-with': 'XMLHttpRequest' } })
      .then(r => r.json())
      .then(body => body.backstageIdentity.token);
    for (;;) {
      const response = await fetch(`${baseUrl}/api/mesh/v1/entities/default/component/payment-service/status`, {
        headers: { authorization: `Bearer ${token}` },
      });
      // The catalog ingests the demo entities shortly after start-up: a 404 until then.
      if (response.status !== 404 || Date.now() > deadline) {
        const status = await response.json();
        const demo = status.clusters?.[0];
        if (response.status !== 200 || demo?.cluster !== 'demo' || demo.workloads.injectedPods !== 4) {
          throw new Error(`the mesh status API answered ${response.status}: ${JSON.stringify(status).slice(0, 500)}`);
        }
        process.stdout.write(
          `[stock app] the mesh status API answered: ${demo.workloads.injectedPods} of ${demo.workloads.totalPods} pods injected in cluster demo\n`,
        );
        return;
      }
      await new Promise(resolve => setTimeout(resolve, 2000));
    }
  } finally {
    process.kill(-backend.pid, 'SIGTERM');
  }
}

async function main() {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'meshport-stock-app-'));
  try {
    const section = readmeSection();
    const packs = path.join(work, 'packs');
    fs.mkdirSync(packs);
    const packed = packPlugins(packs);
    const app = createApp(work);
    pin(app, packed);
    yarnIn(app, 'install the stock app', ['install']);
    addMeshport(app, packed, section);
    yarnIn(app, 'type-check the app with Meshport (yarn tsc)', ['tsc']);
    await askStatus(app, configFile(app, section));
    process.stdout.write('\n[stock app] Meshport installs into a stock Backstage app\n');
  } finally {
    if (!process.env.MESHPORT_KEEP_STOCK_APP) fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch(error => {
  process.stderr.write(`\n[stock app] ${error.stack ?? error}\n`);
  process.exit(1);
});
