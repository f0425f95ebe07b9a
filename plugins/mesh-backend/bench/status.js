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
const { KubeApiTestServer } = require('@meshport/test-harness');

const print = line => process.stdout.write(`${line}\n`);
const benchStart = performance.now();
const progress = line => process.stderr.write(`[${((performance.now() - benchStart) / 1000).toFixed(1)} s] ${line}\n`);
const PODS_PER_SERVICE = 10;
/** Cluster sizes in pods, one full run each: MESHPORT_BENCH_PODS="20000,100000,200000" (default 20000). */
const SIZES = (process.env.MESHPORT_BENCH_PODS ?? '20000').split(',').map(size => Number(size.trim()));
/** Clusters the pods are spread over (each service lives in one): MESHPORT_BENCH_CLUSTERS, default 1. */
const CLUSTERS = Number(process.env.MESHPORT_BENCH_CLUSTERS ?? 1);
const NAMESPACES = 100;
const ENTITIES = 20;
const WARM_ROUNDS = 10;
const TOKEN = 'bench-token';

/** The objects of one cluster: every namespace, and the services whose index falls to this cluster. */
function clusterObjects(services, cluster = 0) {
  const objects = [];
  for (let n = 0; n < NAMESPACES; n += 1) {
    objects.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: `team-${n}`, labels: { 'istio-injection': 'enabled' } } });
    objects.push({ apiVersion: 'security.istio.io/v1', kind: 'PeerAuthentication', metadata: { name: 'default', namespace: `team-${n}` }, spec: { mtls: { mode: 'STRICT' } } });
  }
  for (let s = cluster; s < services; s += CLUSTERS) {
    const app = `svc-${s}`;
    const namespace = `team-${s % NAMESPACES}`;
    const labels = { app, 'backstage.io/kubernetes-id': app };
    objects.push({ apiVersion: 'v1', kind: 'Service', metadata: { name: app, namespace, labels }, spec: { selector: { app }, ports: [{ name: 'http', port: 80, targetPort: 8080 }] } });
    objects.push({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: app, namespace, labels },
      spec: { replicas: PODS_PER_SERVICE, selector: { matchLabels: { app } }, template: { metadata: { labels: { ...labels, version: 'v1' } }, spec: { containers: [{ name: app, image: `registry.example.com/${app}:1` }] } } },
      status: { replicas: PODS_PER_SERVICE, readyReplicas: PODS_PER_SERVICE },
    });
    for (let p = 0; p < PODS_PER_SERVICE; p += 1) {
      objects.push({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          name: `${app}-7d9c5b8f4-${p}`,
          namespace,
          labels: { ...labels, version: 'v1', 'pod-template-hash': '7d9c5b8f4', 'security.istio.io/tlsMode': 'istio' },
          annotations: { 'sidecar.istio.io/status': '{"initContainers":["istio-init"],"containers":["istio-proxy"]}', 'kubectl.kubernetes.io/default-container': app },
          ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: `${app}-7d9c5b8f4`, controller: true }],
        },
        spec: {
          nodeName: `node-${p % 50}`,
          initContainers: [{ name: 'istio-init', image: 'docker.io/istio/proxyv2:1.30.0', args: ['istio-iptables', '-p', '15001'] }],
          containers: [
            { name: app, image: `registry.example.com/${app}:1`, ports: [{ containerPort: 8080, name: 'http' }], resources: { requests: { cpu: '250m', memory: '256Mi' } }, env: [{ name: 'LOG_LEVEL', value: 'info' }] },
            { name: 'istio-proxy', image: 'docker.io/istio/proxyv2:1.30.0', args: ['proxy', 'sidecar'], resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '2', memory: '1Gi' } } },
          ],
        },
        status: {
          phase: 'Running',
          podIP: `10.${s % 250}.${p}.1`,
          conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: '2026-11-01T00:00:00Z' }],
          containerStatuses: [
            { name: app, ready: true, restartCount: 0, image: `registry.example.com/${app}:1`, state: { running: { startedAt: '2026-11-01T00:00:00Z' } } },
            { name: 'istio-proxy', ready: true, restartCount: 0, image: 'docker.io/istio/proxyv2:1.30.0', state: { running: { startedAt: '2026-11-01T00:00:00Z' } } },
          ],
        },
      });
    }
  }
  return objects;
}

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

async function startBackend(plugin, catalog, servers, workingDirectory) {
  const clusters = servers.map((server, k) => ({ name: `bench-${k}`, url: server.url, authProvider: 'serviceAccount', serviceAccountToken: TOKEN }));
  return startTestBackend({
    features: [
      require('@backstage/plugin-catalog-backend').default,
      plugin,
      mockServices.rootLogger.factory({ level: 'error' }),
      mockServices.rootConfig.factory({
        data: {
          backend: { baseUrl: 'http://localhost:0', workingDirectory },
          catalog: { rules: [{ allow: ['Component'] }], locations: [{ type: 'file', target: catalog.file }] },
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
    const response = await fetch(`${baseUrl}/api/catalog/entities/by-name/component/default/${names[names.length - 1]}`, { headers: { authorization: mockCredentials.user.header() } });
    if (response.ok) return;
    await new Promise(resolve => setTimeout(resolve, 100));
  }
}

/** How long a change in the cluster takes to show in the status API: a pod turning unready, a policy added. */
async function freshness(backend, server, objects, name, clusterName) {
  const baseUrl = `http://localhost:${backend.server.address().port}`;
  const status = async () => (await fetch(`${baseUrl}/api/mesh/v1/entities/default/component/${name}/status`, { headers: { authorization: mockCredentials.user.header() } })).json();
  const until = async (change, seen) => {
    const start = performance.now();
    change();
    for (;;) {
      if (seen((await status()).clusters.find(c => c.cluster === clusterName))) return performance.now() - start;
      if (performance.now() - start > 60_000) throw new Error('the change did not show within 60 s');
    }
  };
  const pod = objects.find(o => o.kind === 'Pod' && o.metadata.labels.app === name);
  const unready = { ...pod, status: { ...pod.status, conditions: [{ type: 'Ready', status: 'False' }] } };
  const readiness = await until(() => server.apply(unready), c => c.workloads.pods.some(p => p.name === pod.metadata.name && !p.ready));
  server.apply(pod);
  const policy = { apiVersion: 'security.istio.io/v1', kind: 'AuthorizationPolicy', metadata: { name: `${name}-bench`, namespace: pod.metadata.namespace }, spec: { selector: { matchLabels: { app: name } }, action: 'ALLOW', rules: [{}] } };
  const policyAdded = await until(() => server.apply(policy), c => c.security.authorizationPolicies.some(p => p.name === policy.metadata.name));
  return { readiness, policyAdded };
}

async function measure(label, backend, names, request) {
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
  const cold = [first.ms];
  for (const name of names.slice(1)) cold.push((await timed(name)).ms);
  const warm = [];
  for (let round = 0; round < WARM_ROUNDS; round += 1) for (const name of names) warm.push((await timed(name)).ms);
  return { label, first: first.ms, cold, warm, bytes: first.body.length, sample: first.body };
}

/** One full run at a size: both backends against one test API server; the figures as lines and a table row. */
async function runSize(pods) {
  const services = pods / PODS_PER_SERVICE;
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'meshport-bench-status-'));
  const servers = [];
  const objectsByServer = [];
  for (let k = 0; k < CLUSTERS; k += 1) {
    const server = await new KubeApiTestServer({ token: TOKEN }).start();
    // In chunks: a spread of 200,000 objects into one call overflows the stack.
    const objects = clusterObjects(services, k);
    for (let i = 0; i < objects.length; i += 10_000) server.apply(...objects.slice(i, i + 10_000));
    servers.push(server);
    objectsByServer.push(objects);
  }
  progress(`${CLUSTERS} test API server(s) seeded`);
  const catalog = catalogFile(directory, services);
  print(`test API servers: ${services * PODS_PER_SERVICE} pods in ${services} services and ${NAMESPACES} namespaces over ${CLUSTERS} cluster(s); ${ENTITIES} entities asked about, ${WARM_ROUNDS} warm rounds`);
  const results = [];
  try {
    const runs = [
      {
        label: 'mesh status  GET /api/mesh/v1/entities/…/status',
        plugin: require('@meshport/plugin-mesh-backend').default,
        freshness: true,
        request: (baseUrl, name) => fetch(`${baseUrl}/api/mesh/v1/entities/default/component/${name}/status`, { headers: { authorization: mockCredentials.user.header() } }),
      },
      {
        label: 'kubernetes   POST /api/kubernetes/services/:id',
        plugin: require('@backstage/plugin-kubernetes-backend').default,
        request: async (baseUrl, name) => {
          const entity = await (await fetch(`${baseUrl}/api/catalog/entities/by-name/component/default/${name}`, { headers: { authorization: mockCredentials.user.header() } })).json();
          return fetch(`${baseUrl}/api/kubernetes/services/${name}`, {
            method: 'POST',
            headers: { authorization: mockCredentials.user.header(), 'content-type': 'application/json' },
            body: JSON.stringify({ entity }),
          });
        },
      },
    ];
    for (const run of runs) {
      progress(`starting the backend for ${run.label}`);
      const before = heapMiB();
      const backend = await startBackend(run.plugin, catalog, servers, directory);
      try {
        progress('measuring');
        const result = await measure(run.label, backend, catalog.names, run.request);
        result.heap = heapMiB() - before;
        if (run.freshness) {
          const k = Number(catalog.names[0].slice('svc-'.length)) % CLUSTERS;
          result.freshness = await freshness(backend, servers[k], objectsByServer[k], catalog.names[0], `bench-${k}`);
        }
        results.push(result);
      } finally {
        progress('stopping');
        // The Kubernetes plugin's backend can take minutes to stop (open agents); the figures do not wait.
        await Promise.race([backend.stop(), new Promise(resolve => setTimeout(resolve, 5000).unref())]);
      }
    }
  } finally {
    for (const server of servers) await server.stop();
    fs.rmSync(directory, { recursive: true, force: true });
  }
  for (const r of results) {
    print(`${r.label}`);
    print(`  first request after start-up: ${r.first.toFixed(0)} ms`);
    print(`  cold (first request per entity): ${figures(r.cold)}`);
    print(`  warm: ${figures(r.warm)}`);
    print(`  backend heap after the run: +${r.heap.toFixed(0)} MiB over the process before it started; answer ${r.bytes} bytes`);
    if (r.freshness) print(`  freshness (watch event to the status API): a pod turning unready ${r.freshness.readiness.toFixed(0)} ms, an AuthorizationPolicy added ${r.freshness.policyAdded.toFixed(0)} ms; target under 1 s`);
  }
  const [mesh, kubernetes] = results;
  const p95 = samples => percentile([...samples].sort((a, b) => a - b), 95);
  print(`warm p95 ratio (kubernetes / mesh): ${(p95(kubernetes.warm) / p95(mesh.warm)).toFixed(1)}x; target: mesh warm p95 under 50 ms and at least 5x faster`);
  print('');
  return `| ${pods.toLocaleString('en')}${CLUSTERS > 1 ? ` in ${CLUSTERS} clusters` : ''} | ${(mesh.first / 1000).toFixed(2)} s | ${figures(mesh.warm)} | ${p95(kubernetes.warm).toFixed(1)} ms | ${(p95(kubernetes.warm) / p95(mesh.warm)).toFixed(1)}x | +${mesh.heap.toFixed(0)} MiB (${((mesh.heap * 1024) / pods).toFixed(2)} KiB/pod) |`;
}

const TABLE_HEADER = ['| pods | first answer after start | mesh warm | Kubernetes plugin warm p95 | ratio | mesh backend heap |', '| --- | --- | --- | --- | --- | --- |'];

async function main() {
  if (SIZES.length === 1) {
    const row = await runSize(SIZES[0]);
    [...TABLE_HEADER, row].forEach(line => print(line));
    return;
  }
  // Each size in a process of its own, so that one size's heap figure is not another's garbage.
  const rows = [];
  for (const pods of SIZES) {
    const child = spawnSync(process.execPath, ['--expose-gc', __filename], { env: { ...process.env, MESHPORT_BENCH_PODS: String(pods) }, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
    if (child.status !== 0) throw new Error(`the run at ${pods} pods failed (exit ${child.status})`);
    const lines = child.stdout.trimEnd().split('\n');
    rows.push(lines.pop());
    lines.filter(line => !TABLE_HEADER.includes(line)).forEach(line => print(line));
  }
  [...TABLE_HEADER, ...rows].forEach(line => print(line));
}


main().then(() => process.exit(0), error => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
