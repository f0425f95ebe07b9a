// `npm start`: bootstraps the toolchain, installs, prepares demo data and starts the portal
// (frontend on :3000, backend on :7007, SQLite in memory, guest sign-in).
'use strict';

const { spawn } = require('node:child_process');
const { repoRoot } = require('./toolchain');
const { ensureInstalled } = require('./install');
const { prepareDemoData } = require('./demo-data');
const { startDemoPrometheus } = require('./demo-prometheus');
const { ensureSystemPackages } = require('./system-packages');

/** Config overrides that move the portal to other ports (tests run it beside a developer's portal). */
function portOverrides(env) {
  const appPort = Number(env.MESHPORT_APP_PORT || 3000);
  const backendPort = Number(env.MESHPORT_BACKEND_PORT || 7007);
  const appUrl = `http://localhost:${appPort}`;
  const backendUrl = `http://localhost:${backendPort}`;
  const overrides = { appUrl, backendUrl, env: {} };
  if (appPort !== 3000 || backendPort !== 7007) {
    overrides.env = {
      APP_CONFIG_app_baseUrl: appUrl,
      APP_CONFIG_backend_baseUrl: backendUrl,
      APP_CONFIG_backend_listen_port: String(backendPort),
      APP_CONFIG_backend_cors_origin: appUrl,
    };
  }
  return overrides;
}

async function main() {
  // The demo cluster's Prometheus (MESHPORT_DEMO_PROMETHEUS=off goes without).
  if (process.env.MESHPORT_DEMO_PROMETHEUS !== 'off') ensureSystemPackages(['prometheus']);
  const toolchain = ensureInstalled();
  const demoEnv = await prepareDemoData();
  const ports = portOverrides(process.env);
  const prometheus = await startDemoPrometheus(process.env).catch(error => {
    process.stderr.write(`[meshport] the demo's Prometheus did not start (${error.message}); the demo cluster has no metrics\n`);
    return undefined;
  });
  if (prometheus) process.stderr.write(`[meshport] the demo cluster's Prometheus, with backfilled Istio metrics: ${prometheus.url}\n`);

  process.stderr.write(`[meshport] starting the portal: app ${ports.appUrl}, backend ${ports.backendUrl}\n`);
  const child = spawn(toolchain.node, [toolchain.yarn, 'dev'], {
    cwd: repoRoot,
    env: {
      ...toolchain.env,
      ...demoEnv,
      ...(prometheus ? prometheus.env : {}),
      ...ports.env,
    },
    stdio: 'inherit',
  });
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => child.kill(signal));
  }
  child.on('exit', async (code, signal) => {
    await prometheus?.stop().catch(() => undefined);
    process.exit(code ?? (signal ? 1 : 0));
  });
}

main().catch(error => {
  process.stderr.write(`[meshport] ${error.stack ?? error}\n`);
  process.exit(1);
});
