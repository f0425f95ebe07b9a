#!/usr/bin/env node
// `yarn bench:replicas`: what each backend replica costs the clusters' API servers (docs/adr/0006). Starts
// the portal's backend as production runs it (app-config.production.yaml: PostgreSQL, Redis) once with one
// replica and once with two, against the same test API servers (in child processes of their own), and
// prints per run: the list pages and watch streams the API servers served, each replica's first status
// answer and memory, and whether the replicas answered alike. Figures only, no thresholds.
'use strict';

require('@backstage/cli-node/config/nodeTransform.cjs');

const { execFileSync } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const { performance } = require('node:perf_hooks');
const { Client } = require('pg');
const { freePort, guestToken, isListeningSync, startBackend } = require('@meshport/test-harness');
const { startKubeServers } = require('./kubeServerProcesses');
const { PODS_PER_SERVICE } = require('./clusterData');

const print = line => process.stdout.write(`${line}\n`);
const CLUSTERS = Number(process.env.MESHPORT_BENCH_CLUSTERS ?? 4);
const PODS = Number(process.env.MESHPORT_BENCH_PODS ?? 20000);
const TOKEN = 'bench-token';
const POSTGRES = { host: '127.0.0.1', port: 5432, user: 'postgres' };
const REDIS_URL = 'redis://127.0.0.1:6379';
/** How long the replicas run after their first answers before the API servers' requests are counted. */
const STEADY_MS = 15_000;

/** Resident memory of a process group (the CLI and the backend it runs), in MiB. */
function rssMiB(pid) {
  const out = execFileSync('ps', ['-o', 'rss=', '-g', String(pid)], { encoding: 'utf8' });
  return out.split('\n').reduce((sum, line) => sum + (Number(line.trim()) || 0), 0) / 1024;
}

async function dropDatabases(prefix) {
  const client = new Client({ ...POSTGRES, database: 'postgres' });
  await client.connect();
  try {
    const { rows } = await client.query('SELECT datname FROM pg_database WHERE datname LIKE $1', [`${prefix}%`]);
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/** payment-service's status from one replica, once every cluster has answered; with the time it took from the replica's start. */
async function firstAnswer(baseUrl, startedAt) {
  const authorization = `Bearer ${await guestToken(baseUrl)}`;
  for (;;) {
    const response = await fetch(`${baseUrl}/api/mesh/v1/entities/default/component/payment-service/status`, { headers: { authorization } });
    if (response.ok) {
      const status = await response.json();
      if (status.clusters.length === CLUSTERS + 1 && status.clusters.every(c => !c.error)) return { ms: performance.now() - startedAt, status };
    }
    await new Promise(resolve => setTimeout(resolve, 250));
  }
}

async function run(replicaCount, kube) {
  const prefix = `meshport_bench_${randomBytes(4).toString('hex')}_`;
  const clusters = kube.urls.map((url, k) => ({ name: `bench-${k}`, url, authProvider: 'serviceAccount', serviceAccountToken: TOKEN }));
  const env = {
    POSTGRES_HOST: POSTGRES.host,
    POSTGRES_PORT: String(POSTGRES.port),
    POSTGRES_USER: POSTGRES.user,
    POSTGRES_PASSWORD: '',
    POSTGRES_DATABASE_PREFIX: prefix,
    REDIS_URL,
    APP_CONFIG_kubernetes_clusterLocatorMethods: JSON.stringify([{ type: 'config', clusters }]),
    APP_CONFIG_mesh_status_allowInsecureHttpClusters: JSON.stringify(clusters.map(c => c.name)),
    APP_CONFIG_mesh_status_syncWaitMs: '120000',
  };
  await kube.requests();
  const replicas = [];
  try {
    for (let i = 0; i < replicaCount; i += 1) {
      const startedAt = performance.now();
      const backend = await startBackend({ port: await freePort(), configs: ['app-config.yaml', 'app-config.production.yaml'], env });
      replicas.push({ backend, ...(await firstAnswer(backend.baseUrl, startedAt)) });
    }
    await new Promise(resolve => setTimeout(resolve, STEADY_MS));
    const served = await kube.requests();
    const podsOf = status => status.clusters.map(c => `${c.cluster}:${c.workloads.totalPods}`).join(',');
    return {
      replicas: replicaCount,
      served,
      first: replicas.map(r => r.ms),
      rss: replicas.map(r => rssMiB(r.backend.process.child.pid)),
      alike: replicas.every(r => podsOf(r.status) === podsOf(replicas[0].status)),
    };
  } finally {
    await Promise.all(replicas.map(r => r.backend.stop()));
    await dropDatabases(prefix);
  }
}

async function main() {
  if (!isListeningSync(POSTGRES.host, POSTGRES.port) || !isListeningSync('127.0.0.1', 6379)) {
    throw new Error('bench:replicas needs PostgreSQL on 127.0.0.1:5432 and Redis on 127.0.0.1:6379');
  }
  const services = Math.round(PODS / PODS_PER_SERVICE / CLUSTERS) * CLUSTERS;
  const kube = await startKubeServers({ clusters: CLUSTERS, services, token: TOKEN, processes: Math.ceil(CLUSTERS / 10) });
  print(
    `test API servers: ${services * PODS_PER_SERVICE} pods over ${CLUSTERS} clusters; each run counts the API servers' requests until ${
      STEADY_MS / 1000
    } s after the last replica's first answer`,
  );
  try {
    const results = [await run(1, kube), await run(2, kube)];
    print('| replicas | list requests (pages) | watch streams | first answer per replica | memory per replica | answers alike |');
    print('| --- | --- | --- | --- | --- | --- |');
    for (const r of results) {
      print(
        `| ${r.replicas} | ${r.served.lists} | ${r.served.watches} | ${r.first.map(ms => `${(ms / 1000).toFixed(1)} s`).join(', ')} | ${r.rss
          .map(mib => `${mib.toFixed(0)} MiB`)
          .join(', ')} | ${r.alike ? 'yes' : 'no'} |`,
      );
    }
  } finally {
    await kube.stop();
  }
}

main().then(
  () => process.exit(0),
  error => {
    process.stderr.write(`${error.stack ?? error}\n`);
    process.exit(1);
  },
);
