// The demo's Prometheus: when Debian's prometheus and promtool are on the PATH (CI installs them), a
// Prometheus holding the demo cluster's Istio metrics, backfilled, so that the portal's demo cluster shows
// health, a canary verdict and a sidecar right-sizing. Without them the demo says no Prometheus is configured.
'use strict';

const { execFileSync } = require('node:child_process');

function onPath(command) {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Adds the demo cluster's Prometheus to the clusters an environment already configures (the browser tests add theirs). */
function withDemoCluster(env, url) {
  const clusters = env.APP_CONFIG_mesh_clusters ? JSON.parse(env.APP_CONFIG_mesh_clusters) : [];
  return JSON.stringify([...clusters.filter(c => c.name !== 'demo'), { name: 'demo', prometheus: { url } }]);
}

/**
 * Starts it and returns the environment that points the portal at it, and how to stop it; undefined when
 * prometheus or promtool is missing, or MESHPORT_DEMO_PROMETHEUS is "off".
 */
async function startDemoPrometheus(env) {
  if (env.MESHPORT_DEMO_PROMETHEUS === 'off' || !onPath('prometheus') || !onPath('promtool')) return undefined;
  // The test harness generates the demo's metrics and runs Prometheus; it is TypeScript, run as written.
  require('@backstage/cli-node/config/nodeTransform.cjs');
  const { istioOpenMetrics } = require('../test/harness/src/prometheus/istioMetrics');
  const { startBackfilledPrometheus } = require('../test/harness/src/prometheus/prometheusServer');
  const now = Math.floor(Date.now() / 1000);
  // Two hours before now and twelve after: a demo session keeps seeing a full window.
  const prometheus = await startBackfilledPrometheus(istioOpenMetrics(now - 2 * 3600, now + 12 * 3600));
  return {
    url: prometheus.url,
    env: {
      APP_CONFIG_mesh_clusters: withDemoCluster(env, prometheus.url),
      // The backfill holds two hours: right-size from them.
      APP_CONFIG_mesh_rightSizing: env.APP_CONFIG_mesh_rightSizing ?? JSON.stringify({ window: '2h', minHistoryHours: 0.5 }),
    },
    stop: () => prometheus.stop(),
  };
}

module.exports = { startDemoPrometheus };
