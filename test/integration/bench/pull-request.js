#!/usr/bin/env node
// `yarn bench:pull-request`: the time from a scaffolder task's start (POST /v2/tasks) to its change request
// being opened on the local git provider, through the real scaffolder backend, catalog and mesh actions,
// against a real bare git repository. Figures only, no thresholds.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { performance } = require('node:perf_hooks');

require('@backstage/cli-node/config/nodeTransform.cjs');

const { mockCredentials, mockServices, startTestBackend } = require('@backstage/backend-test-utils');
const { createBareRepository, findRepoRoot, ScaffolderTestClient, branchesOf } = require('@meshport/test-harness');

const print = line => process.stdout.write(`${line}\n`);
const RUNS = Number(process.env.MESHPORT_BENCH_RUNS ?? 8);
const POLL_MS = 5;

function catalogLocations(repoRoot) {
  return [
    path.join(repoRoot, 'catalog/org.yaml'),
    path.join(repoRoot, 'catalog/entities.yaml'),
    path.join(repoRoot, 'templates/onboard-service/template.yaml'),
  ].map(target => ({ type: 'file', target }));
}

async function waitForTemplate(baseUrl, authorization) {
  for (let attempt = 0; attempt < 600; attempt += 1) {
    const response = await fetch(`${baseUrl}/api/catalog/entities/by-name/template/default/mesh-onboard-service`, { headers: { authorization } });
    if (response.ok) return;
    await new Promise(resolve => setTimeout(resolve, 100));
  }
  throw new Error('the onboard-service template never reached the catalog');
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function describe(label, samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const figure = value => `${value.toFixed(0)} ms`;
  print(
    `${label.padEnd(44)} first ${figure(samples[0])}  p50 ${figure(percentile(sorted, 50))}  p95 ${figure(percentile(sorted, 95))}  max ${figure(
      sorted[sorted.length - 1],
    )}  (n=${samples.length})`,
  );
}

async function main() {
  const repoRoot = findRepoRoot(__dirname);
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'meshport-bench-pr-'));
  const backend = await startTestBackend({
    features: [
      require('@backstage/plugin-catalog-backend').default,
      require('@backstage/plugin-catalog-backend-module-scaffolder-entity-model').default,
      require('@backstage/plugin-scaffolder-backend').default,
      require('@meshport/plugin-scaffolder-backend-module-mesh').default,
      mockServices.rootLogger.factory({ level: 'warn' }),
      mockServices.rootConfig.factory({
        data: {
          backend: { baseUrl: 'http://localhost:0', workingDirectory: workspace },
          catalog: { rules: [{ allow: ['Component', 'System', 'API', 'Group', 'User', 'Template'] }], locations: catalogLocations(repoRoot) },
        },
      }),
    ],
  });
  try {
    const baseUrl = `http://localhost:${backend.server.address().port}`;
    const authorization = mockCredentials.user.header();
    await waitForTemplate(baseUrl, authorization);
    const client = new ScaffolderTestClient(baseUrl, authorization);
    const form = callers => ({
      entity: 'component:default/payment-service',
      ports: [{ number: 8080, name: 'http', protocol: 'HTTP' }],
      mtlsMode: 'STRICT',
      allowedCallers: [{ principals: callers, methods: ['POST'], paths: ['/api/v1/process-payment'] }],
    });
    const timeTask = async (values, repository) => {
      const start = performance.now();
      const task = await client.run('mesh-onboard-service', { ...values, repoUrl: `file://${repository}` }, 120_000, POLL_MS);
      const elapsed = performance.now() - start;
      if (task.status !== 'completed') throw new Error(`task ${task.id} ${task.status}:\n${task.log.join('\n')}`);
      return elapsed;
    };

    const opened = [];
    const updated = [];
    for (let run = 0; run < RUNS; run += 1) {
      const repository = createBareRepository(workspace, { 'README.md': '# GitOps\n' }, `repo-${run}.git`);
      opened.push(await timeTask(form(['cluster.local/ns/orders/sa/order-service']), repository));
      updated.push(await timeTask(form(['cluster.local/ns/orders/sa/order-service', 'cluster.local/ns/shop/sa/storefront']), repository));
      if (!branchesOf(repository).includes('meshport/payments/payment-service')) throw new Error('the task ended without a branch');
    }

    print(`onboard-service through the real scaffolder to a local git provider (task polled every ${POLL_MS} ms)`);
    describe('task start -> change request opened (new branch)', opened);
    describe('task start -> change request updated (rerun)', updated);
    const memory = process.memoryUsage();
    print(`backend process: rss ${(memory.rss / 2 ** 20).toFixed(0)} MiB, heap used ${(memory.heapUsed / 2 ** 20).toFixed(0)} MiB`);
  } finally {
    await backend.stop();
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

main().catch(error => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
