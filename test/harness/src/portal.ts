import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { findRepoRoot } from './repoRoot';
import { FatalStartupError, ManagedProcess, startProcess, waitFor } from './processes';

/** Log lines by which Backstage's backend reports a plugin or module that failed to start. */
const startupFailurePatterns = [
  /Plugin '[^']+' startup failed/i,
  /Module '[^']+' for plugin '[^']+' startup failed/i,
  /Backend startup failed/i,
  /failed to start/i,
  /is not a function/i,
];

/** Lines after which a starting backend will never become ready. */
const fatalPatterns = [...startupFailurePatterns, /Unhandled rejection/i, /Invalid type in config/i];

/** The lines of a backend log that report a start-up failure. */
export function findStartupFailures(log: string): string[] {
  return log.split('\n').filter(line => startupFailurePatterns.some(pattern => pattern.test(line)));
}

export interface RunningBackend {
  baseUrl: string;
  process: ManagedProcess;
  stop(): Promise<void>;
}

/** A readiness probe that gives up at once when the log shows the start-up cannot succeed. */
function readyUnlessFatal(process: ManagedProcess, url: string): () => Promise<boolean> {
  return async () => {
    const fatal = process
      .output()
      .split('\n')
      .find(line => fatalPatterns.some(p => p.test(line)));
    if (fatal) throw new FatalStartupError(fatal);
    return answers(url);
  };
}

/** Fetches a URL and tells whether it answered 200. */
async function answers(url: string): Promise<boolean> {
  const response = await fetch(url);
  await response.arrayBuffer();
  return response.ok;
}

/**
 * What `npm start` prepares before the portal starts (scripts/demo-data.js: the demo GitOps repository),
 * made in the given folder; returns the environment that points a backend at it.
 */
export function prepareDemoData(directory: string): Record<string, string> {
  const root = findRepoRoot();
  const script = `require(${JSON.stringify(path.join(root, 'scripts', 'demo-data.js'))}).prepareDemoData(${JSON.stringify(
    directory,
  )}).then(env => process.stdout.write(JSON.stringify(env)))`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8' }));
}

/**
 * Starts packages/backend exactly as the portal runs it (`backstage-cli package start`) with the
 * given config files from the repository root, and waits until its readiness check passes.
 */
export async function startBackend(options: { port: number; configs: string[]; env?: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<RunningBackend> {
  const root = findRepoRoot();
  const baseUrl = `http://localhost:${options.port}`;
  const cli = require.resolve('@backstage/cli/bin/backstage-cli', { paths: [root] });
  const configArgs = options.configs.flatMap(file => ['--config', path.join(root, file)]);
  const backend = startProcess(process.execPath, [cli, 'package', 'start', ...configArgs], {
    cwd: path.join(root, 'packages', 'backend'),
    env: {
      ...process.env,
      NODE_ENV: 'development',
      APP_CONFIG_backend_baseUrl: baseUrl,
      APP_CONFIG_backend_listen: JSON.stringify({ port: options.port, host: '127.0.0.1' }),
      ...options.env,
    },
  });
  try {
    await waitFor(
      'backend readiness',
      readyUnlessFatal(backend, `http://127.0.0.1:${options.port}/.backstage/health/v1/readiness`),
      backend,
      options.timeoutMs ?? 240_000,
    );
  } catch (error) {
    await backend.stop();
    throw error;
  }
  return { baseUrl, process: backend, stop: () => backend.stop() };
}

export interface RunningPortal {
  appUrl: string;
  backendUrl: string;
  process: ManagedProcess;
  stop(): Promise<void>;
}

/** Starts the whole portal through the README's `npm start` script on the given ports. */
export async function startPortal(options: { appPort: number; backendPort: number; env?: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<RunningPortal> {
  const root = findRepoRoot();
  const portal = startProcess(process.execPath, [path.join(root, 'scripts', 'start.js')], {
    cwd: root,
    env: {
      ...process.env,
      // Jest runs with NODE_ENV=test; the portal is started as a developer starts it.
      NODE_ENV: 'development',
      MESHPORT_APP_PORT: String(options.appPort),
      MESHPORT_BACKEND_PORT: String(options.backendPort),
      ...options.env,
    },
  });
  const appUrl = `http://localhost:${options.appPort}`;
  const backendUrl = `http://localhost:${options.backendPort}`;
  const timeoutMs = options.timeoutMs ?? 300_000;
  try {
    await waitFor('backend readiness', readyUnlessFatal(portal, `${backendUrl}/.backstage/health/v1/readiness`), portal, timeoutMs);
    await waitFor('frontend', () => answers(appUrl), portal, timeoutMs);
  } catch (error) {
    await portal.stop();
    throw error;
  }
  return { appUrl, backendUrl, process: portal, stop: () => portal.stop() };
}
