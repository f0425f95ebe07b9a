#!/usr/bin/env node
// `yarn bench`: prints render and analyze timings next to JSON.stringify of the same objects.
// Figures only; no thresholds: a timed assertion would fail on a busy machine for no reason.
const { performance } = require('node:perf_hooks');

require('@backstage/cli-node/config/nodeTransform.cjs');

const print = line => process.stdout.write(`${line}\n`);
const { renderPolicy, paymentServicePolicyExample } = require('../src');
const { analyze } = require('@meshport/istio-config');

function policyFor(i) {
  const base = paymentServicePolicyExample;
  return {
    ...base,
    service: { ...base.service, name: `svc-${i}`, namespace: `team-${i % 50}` },
    ingress: { ...base.ingress, hosts: [`svc-${i}.example.com`] },
  };
}

function podsFor(i) {
  return ['v1', 'v2'].map(version => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `svc-${i}-${version}`, namespace: `team-${i % 50}`, labels: { app: `svc-${i}`, version } },
    spec: { containers: [{ name: 'app' }, { name: 'istio-proxy' }] },
  }));
}

/** Median of `runs` timings of fn, in milliseconds. */
function time(fn, runs = 5) {
  const samples = [];
  for (let r = 0; r < runs; r += 1) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}

/** The first `count` objects of a cluster-like mix: each service's rendered objects and its pods. */
function objectSet(count) {
  const objects = [];
  for (let i = 0; objects.length < count; i += 1) objects.push(...renderPolicy(policyFor(i)).objects, ...podsFor(i));
  return objects.slice(0, count);
}

const policies = Array.from({ length: 1000 }, (_, i) => policyFor(i));
const renderAndAnalyze = time(() => {
  for (const policy of policies) analyze(renderPolicy(policy).objects);
}, 3);

const small = objectSet(1000);
const large = objectSet(10000);
const analyzeSmall = time(() => analyze(small));
const analyzeLarge = time(() => analyze(large));
const stringifySmall = time(() => JSON.stringify(small));
const stringifyLarge = time(() => JSON.stringify(large));

const row = (label, ms, reference) =>
  `${label.padEnd(44)} ${ms.toFixed(1).padStart(9)} ms${reference === undefined ? '' : `   (JSON.stringify: ${reference.toFixed(1)} ms)`}`;
print('meshport mesh-common benchmark (median of runs)');
print(row('render + analyze, 1,000 service policies', renderAndAnalyze));
print(row('analyze, 1,000 objects', analyzeSmall, stringifySmall));
print(row('analyze, 10,000 objects', analyzeLarge, stringifyLarge));
print(`${'analyze 10,000 / 1,000 (linear work is near 10)'.padEnd(44)} ${(analyzeLarge / analyzeSmall).toFixed(2).padStart(9)}`);
print(`${'JSON.stringify 10,000 / 1,000'.padEnd(44)} ${(stringifyLarge / stringifySmall).toFixed(2).padStart(9)}`);
