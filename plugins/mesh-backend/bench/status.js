#!/usr/bin/env node
// `yarn bench:status`: the mesh status request against a test API server holding 20,000 pods in 2,000
// services (or each size of MESHPORT_BENCH_PODS, e.g. "20000,100000,200000"), cold and warm, next to @backstage/plugin-kubernetes-backend's POST /services/:serviceId for the
// same entities against the same server, with each backend's memory. Figures only, no thresholds.
// Run with --expose-gc (the package script does) so that memory figures are after a collection.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { performance } = require('node:perf_hooks');

require('@backstage/cli-node/config/nodeTransform.cjs');

const { stringify } = require('yaml');
const { mockCredentials, mockServices, startTestBackend } = require('@backstage/backend-test-utils');
const { coreServices, createServiceFactory } = require('@backstage/backend-plugin-api');
const { podObject, PODS_PER_SERVICE, NAMESPACES } = require('./clusterData');
const { startKubeServers } = require('./kubeServerProcesses');

const print = line => process.stdout.write(`${line}\n`);
const benchStart = performance.now();
const progress = line => process.stderr.write(`[${((performance.now() - benchStart) / 1000).toFixed(1)} s] ${line}\n`);
/** Cluster sizes in pods, one full run each: MESHPORT_BENCH_PODS="20000,100000,200000" (default 20000). */
const SIZES = (process.env.MESHPORT_BENCH_PODS ?? '20000').split(',').map(size => Number(size.trim()));
/** Clusters the pods are spread over (each service lives in one): MESHPORT_BENCH_CLUSTERS, default 1. */
const CLUSTERS = Number(process.env.MESHPORT_BENCH_CLUSTERS ?? 1);
/** Child processes serving the clusters, each a range of them: MESHPORT_BENCH_SERVER_PROCESSES, default one per 10 clusters. */
const SERVER_PROCESSES = Math.min(CLUSTERS, Number(process.env.MESHPORT_BENCH_SERVER_PROCESSES ?? Math.ceil(CLUSTERS / 10)));
/** Whether the Kubernetes plugin is measured too (MESHPORT_BENCH_COMPARE=0 leaves it out, e.g. for a fleet of 100 clusters it would fan out to). */
const COMPARE = process.env.MESHPORT_BENCH_COMPARE !== '0';
const ENTITIES = 20;
const WARM_ROUNDS = 10;
const TOKEN = 'bench-token';

function catalogFile(directory, services) {
  const entities = Array.from({ length: ENTITIES }, (_, i) => {
    const s = Math.floor((i * services) / ENTITIES);
    return {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: `svc-${s}`, annotations: { 'backstage.io/kubernetes-id': `svc-${s}`, 'backstage.io/kubernetes-namespace': `team-${s % NAMESPACES}` } },
      spec: { type: 'service', lifecycle: 'production', owner: 'team' },
    };
  });
  const file = path.join(directory, 'entities.yaml');
  fs.writeFileSync(file, entities.map(e => stringify(e)).join('---\n'));
  return { file, names: entities.map(e => e.metadata.name) };
}

function heapMiB() {
  global.gc?.();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const figures = samples => {
  const sorted = [...samples].sort((a, b) => a - b);
  return `p50 ${percentile(sorted, 50).toFixed(1)} ms, p95 ${percentile(sorted, 95).toFixed(1)} ms`;
};

/** The clusters' sync times the mesh backend logs ("listed 17 of 17 kinds (…) in 1234 ms"), by run. */
const syncTimes = [];

/** A root logger that keeps errors on stderr and takes the mesh backend's sync times from its info lines. */
const benchLogger = createServiceFactory({
  service: coreServices.rootLogger,
  deps: {},
  factory() {
    const logger = {
      error: message => process.stderr.write(`${message}\n`),
      warn() {},
      info: message => {
        const listed = /^listed (\d+) of (\d+) kinds .* in (\d+) ms$/.exec(message);
        if (listed) syncTimes.push({ complete: listed[1] === listed[2], ms: Number(listed[3]) });
      },
      debug() {},
      child: () => logger,
    };
    return logger;
  },
});

async function startBackend(plugin, catalog, servers, workingDirectory) {
  const clusters = servers.map((server, k) => ({ name: `bench-${k}`, url: server.url, authProvider: 'serviceAccount', serviceAccountToken: TOKEN }));
  return startTestBackend({
    features: [
      require('@backstage/plugin-catalog-backend').default,
      plugin,
      benchLogger,
      mockServices.rootConfig.factory({
        data: {
          backend: { baseUrl: 'http://localhost:0', workingDirectory },
          // The catalog's processing loop shares the event loop with both plugins; once the entities are in, it
          // need not run again during the run.
          catalog: { rules: [{ allow: ['Component'] }], locations: [{ type: 'file', target: catalog.file }], processingInterval: { minutes: 30 } },
          kubernetes: {
            serviceLocatorMethod: { type: 'multiTenant' },
            objectTypes: ['pods', 'services', 'deployments'],
            clusterLocatorMethods: [{ type: 'config', clusters }],
          },
          mesh: { status: { syncWaitMs: 120_000, requestTimeoutMs: 60_000, allowInsecureHttpClusters: clusters.map(c => c.name) } },
        },
      }),
    ],
  });
}

async function waitForCatalog(baseUrl, names) {
  for (;;) {
    const response = await fetch(`${baseUrl}/api/catalog/entities/by-name/component/default/${names[names.length - 1]}`, {
      headers: { authorization: mockCredentials.user.header() },
    });
    if (response.ok) return;
    await new Promise(resolve => setTimeout(resolve, 100));
  }
}

/** How long a change in the cluster takes to show in the status API: a pod turning unready, a policy added. */
async function freshness(backend, apply, s, name, clusterName) {
  const baseUrl = `http://localhost:${backend.server.address().port}`;
  const status = async () =>
    (await fetch(`${baseUrl}/api/mesh/v1/entities/default/component/${name}/status`, { headers: { authorization: mockCredentials.user.header() } })).json();
  const until = async (change, seen) => {
    const start = performance.now();
    await change();
    for (;;) {
      if (seen((await status()).clusters.find(c => c.cluster === clusterName))) return performance.now() - start;
      if (performance.now() - start > 60_000) throw new Error('the change did not show within 60 s');
    }
  };
  const pod = podObject(s, 0);
  const unready = { ...pod, status: { ...pod.status, conditions: [{ type: 'Ready', status: 'False' }] } };
  const readiness = await until(
    () => apply(unready),
    c => c.workloads.pods.some(p => p.name === pod.metadata.name && !p.ready),
  );
  await apply(pod);
  const policy = {
    apiVersion: 'security.istio.io/v1',
    kind: 'AuthorizationPolicy',
    metadata: { name: `${name}-bench`, namespace: pod.metadata.namespace },
    spec: { selector: { matchLabels: { app: name } }, action: 'ALLOW', rules: [{}] },
  };
  const policyAdded = await until(
    () => apply(policy),
    c => c.security.authorizationPolicies.some(p => p.name === policy.metadata.name),
  );
  return { readiness, policyAdded };
}

async function measure(label, backend, names, request, startedAt) {
  const baseUrl = `http://localhost:${backend.server.address().port}`;
  await waitForCatalog(baseUrl, names);
  const timed = async name => {
    const start = performance.now();
    const response = await request(baseUrl, name);
    const body = await response.text();
    if (!response.ok) throw new Error(`${label} answered ${response.status}: ${body.slice(0, 300)}`);
    return { ms: performance.now() - start, body };
  };
  const first = await timed(names[0]);
  const startup = performance.now() - startedAt;
  const cold = [first.ms];
  for (const name of names.slice(1)) cold.push((await timed(name)).ms);
  // Warm figures are the steady state: the garbage of start-up (a cluster's list) is collected first, for both backends.
  global.gc?.();
  const warm = [];
  for (let round = 0; round < WARM_ROUNDS; round += 1) for (const name of names) warm.push((await timed(name)).ms);
  return { label, startup, first: first.ms, cold, warm, bytes: first.body.length, sample: first.body };
}

/** The mesh backend's heap against clusters holding only the namespaces: what the cache's figure is measured over. */
async function emptyCluster(catalog, directory) {
  const kube = await startKubeServers({ clusters: CLUSTERS, services: 0, token: TOKEN, processes: SERVER_PROCESSES });
  const before = heapMiB();
  const backend = await startBackend(
    require('@meshport/plugin-mesh-backend').default,
    catalog,
    kube.urls.map(url => ({ url })),
    directory,
  );
  try {
    const baseUrl = `http://localhost:${backend.server.address().port}`;
    await waitForCatalog(baseUrl, catalog.names);
    const response = await fetch(`${baseUrl}/api/mesh/v1/entities/default/component/${catalog.names[0]}/status`, {
      headers: { authorization: mockCredentials.user.header() },
    });
    if (!response.ok) throw new Error(`the empty cluster's status answered ${response.status}`);
    syncTimes.splice(0);
    return { heap: heapMiB() - before };
  } finally {
    await backend.stop();
    await kube.stop();
  }
}

/** One full run at a size: both backends against one test API server; the figures as lines and a table row. */
async function runSize(pods) {
  const services = pods / PODS_PER_SERVICE;
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'meshport-bench-status-'));
  const catalog = catalogFile(directory, services);
  progress('measuring the mesh backend against an empty cluster');
  // Twice: the first start loads the backend's modules, which the measured run finds loaded too.
  await emptyCluster(catalog, directory);
  const empty = await emptyCluster(catalog, directory);
  const kube = await startKubeServers({ clusters: CLUSTERS, services, token: TOKEN, processes: SERVER_PROCESSES });
  const servers = kube.urls.map(url => ({ url }));
  progress(`${CLUSTERS} test API server(s) seeded in ${SERVER_PROCESSES} child process(es)`);
  print(
    `test API servers: ${
      services * PODS_PER_SERVICE
    } pods in ${services} services and ${NAMESPACES} namespaces over ${CLUSTERS} cluster(s); ${ENTITIES} entities asked about, ${WARM_ROUNDS} warm rounds`,
  );
  const results = [];
  try {
    const runs = [
      {
        label: 'mesh status  GET /api/mesh/v1/entities/…/status',
        plugin: require('@meshport/plugin-mesh-backend').default,
        freshness: true,
        empty,
        request: (baseUrl, name) =>
          fetch(`${baseUrl}/api/mesh/v1/entities/default/component/${name}/status`, { headers: { authorization: mockCredentials.user.header() } }),
      },
      COMPARE && {
        label: 'kubernetes   POST /api/kubernetes/services/:id',
        plugin: require('@backstage/plugin-kubernetes-backend').default,
        request: async (baseUrl, name) => {
          const entity = await (
            await fetch(`${baseUrl}/api/catalog/entities/by-name/component/default/${name}`, { headers: { authorization: mockCredentials.user.header() } })
          ).json();
          return fetch(`${baseUrl}/api/kubernetes/services/${name}`, {
            method: 'POST',
            headers: { authorization: mockCredentials.user.header(), 'content-type': 'application/json' },
            body: JSON.stringify({ entity }),
          });
        },
      },
    ].filter(Boolean);
    for (const run of runs) {
      progress(`starting the backend for ${run.label}`);
      const before = heapMiB();
      const startedAt = performance.now();
      const backend = await startBackend(run.plugin, catalog, servers, directory);
      try {
        progress('measuring');
        const result = await measure(run.label, backend, catalog.names, run.request, startedAt);
        result.heap = heapMiB() - before;
        result.empty = run.empty;
        if (run.empty) {
          // Every cluster of this run listed in full; the sync is the slowest one's.
          const listed = syncTimes.splice(0);
          if (listed.length !== CLUSTERS || !listed.every(l => l.complete))
            throw new Error(`expected ${CLUSTERS} complete cluster syncs in the log, got ${JSON.stringify(listed)}`);
          result.sync = Math.max(...listed.map(l => l.ms));
        }
        if (run.freshness) {
          const k = Number(catalog.names[0].slice('svc-'.length)) % CLUSTERS;
          result.freshness = await freshness(
            backend,
            object => kube.apply(k, object),
            Number(catalog.names[0].slice('svc-'.length)),
            catalog.names[0],
            `bench-${k}`,
          );
        }
        results.push(result);
      } finally {
        progress('stopping');
        // The Kubernetes plugin's backend can take minutes to stop (open agents); the figures do not wait.
        await Promise.race([backend.stop(), new Promise(resolve => setTimeout(resolve, 5000).unref())]);
      }
    }
  } finally {
    await kube.stop();
    fs.rmSync(directory, { recursive: true, force: true });
  }
  for (const r of results) {
    print(`${r.label}`);
    print(
      `  start-up to the first answer (backend start, catalog, cluster sync): ${r.startup.toFixed(0)} ms; the first request itself ${r.first.toFixed(0)} ms`,
    );
    print(`  cold (first request per entity): ${figures(r.cold)}`);
    print(`  warm: ${figures(r.warm)}`);
    print(`  backend heap after the run: +${r.heap.toFixed(0)} MiB over the process before it started; answer ${r.bytes} bytes`);
    if (r.empty) {
      print(`  the clusters' list (every kind, as the backend logs it): ${r.sync.toFixed(0)} ms; target under 5 s at 100,000 pods`);
      print(
        `  first answer ${r.startup.toFixed(0)} ms from the backend's start, ${((r.startup / r.sync - 1) * 100).toFixed(
          0,
        )}% over the list, which it cannot precede; target within 10% at 200,000 pods`,
      );
      print(
        `  of which the cache: +${(r.heap - r.empty.heap).toFixed(0)} MiB over the same backend with an empty cluster (${(
          ((r.heap - r.empty.heap) * 1024) /
          pods
        ).toFixed(2)} KiB/pod); target under 1 KiB/pod`,
      );
    }
    if (r.freshness)
      print(
        `  freshness (watch event to the status API): a pod turning unready ${r.freshness.readiness.toFixed(
          0,
        )} ms, an AuthorizationPolicy added ${r.freshness.policyAdded.toFixed(0)} ms; target under 1 s`,
      );
  }
  const [mesh, kubernetes] = results;
  const p95 = samples =>
    percentile(
      [...samples].sort((a, b) => a - b),
      95,
    );
  if (kubernetes) {
    print(
      `warm p95 ratio (kubernetes / mesh): ${(p95(kubernetes.warm) / p95(mesh.warm)).toFixed(1)}x; targets: mesh warm p95 under 5 ms and at least 10x faster`,
    );
  }
  print('');
  const cache = mesh.heap - mesh.empty.heap;
  const compared = kubernetes ? `${p95(kubernetes.warm).toFixed(1)} ms | ${(p95(kubernetes.warm) / p95(mesh.warm)).toFixed(1)}x` : 'not measured | -';
  return `| ${pods.toLocaleString('en')}${CLUSTERS > 1 ? ` in ${CLUSTERS} clusters` : ''} | ${(mesh.sync / 1000).toFixed(2)} s | ${(
    mesh.startup / 1000
  ).toFixed(2)} s | ${figures(mesh.warm)} | ${compared} | +${mesh.heap.toFixed(0)} MiB, of which the cache +${cache.toFixed(0)} MiB (${(
    (cache * 1024) /
    pods
  ).toFixed(2)} KiB/pod) |`;
}

const TABLE_HEADER = [
  '| pods | cluster sync | first answer from start | mesh warm | Kubernetes plugin warm p95 | ratio | mesh backend heap |',
  '| --- | --- | --- | --- | --- | --- | --- |',
];

async function main() {
  if (SIZES.length === 1) {
    const row = await runSize(SIZES[0]);
    [...TABLE_HEADER, row].forEach(line => print(line));
    return;
  }
  // Each size in a process of its own, so that one size's heap figure is not another's garbage.
  const rows = [];
  for (const pods of SIZES) {
    const child = spawnSync(process.execPath, ['--expose-gc', __filename], {
      env: { ...process.env, MESHPORT_BENCH_PODS: String(pods) },
      stdio: ['ignore', 'pipe', 'inherit'],
      encoding: 'utf8',
    });
    if (child.status !== 0) throw new Error(`the run at ${pods} pods failed (exit ${child.status})`);
    const lines = child.stdout.trimEnd().split('\n');
    rows.push(lines.pop());
    lines.filter(line => !TABLE_HEADER.includes(line)).forEach(line => print(line));
  }
  [...TABLE_HEADER, ...rows].forEach(line => print(line));
  // Sync should grow with the cluster, not faster: each size's against the smallest's.
  const sync = row => Number(row.split('|')[2].trim().replace(' s', ''));
  const [smallest, ...larger] = SIZES.map((pods, i) => ({ pods, seconds: sync(rows[i]) }));
  for (const size of larger) {
    print(
      `sync ${smallest.pods.toLocaleString('en')} -> ${size.pods.toLocaleString('en')} pods: ${(size.seconds / smallest.seconds).toFixed(1)}x the time for ${(
        size.pods / smallest.pods
      ).toFixed(0)}x the pods`,
    );
  }
}

main().then(
  () => process.exit(0),
  error => {
    process.stderr.write(`${error.stack ?? error}\n`);
    process.exit(1);
  },
);
