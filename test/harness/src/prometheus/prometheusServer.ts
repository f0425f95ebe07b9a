import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../ports';
import { ManagedProcess, startProcess, waitFor } from '../processes';

/** Why Debian's prometheus and promtool cannot be used here, or undefined when they can. */
export function prometheusUnavailable(): string | undefined {
  for (const tool of ['prometheus', 'promtool']) {
    if (spawnSync(tool, ['--version'], { stdio: 'ignore' }).status !== 0) return `${tool} is not installed (apt-get install prometheus)`;
  }
  return undefined;
}

/** A real Prometheus serving a TSDB backfilled from OpenMetrics text. */
export interface RunningPrometheus {
  url: string;
  process: ManagedProcess;
  stop(): Promise<void>;
}

/**
 * Backfills the OpenMetrics text into a fresh TSDB with `promtool tsdb create-blocks-from openmetrics`,
 * then starts `prometheus` on it (no scraping) and waits until it is ready.
 */
export async function startBackfilledPrometheus(openMetrics: string): Promise<RunningPrometheus> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'meshport-prometheus-'));
  const input = path.join(directory, 'metrics.om');
  const data = path.join(directory, 'data');
  fs.writeFileSync(input, openMetrics);
  fs.writeFileSync(path.join(directory, 'prometheus.yml'), 'global:\n  scrape_interval: 15s\nscrape_configs: []\n');
  execFileSync('promtool', ['tsdb', 'create-blocks-from', 'openmetrics', input, data], { stdio: 'pipe' });
  const port = await freePort();
  const process = startProcess(
    'prometheus',
    [
      `--config.file=${path.join(directory, 'prometheus.yml')}`,
      `--storage.tsdb.path=${data}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--storage.tsdb.retention.time=15d',
      '--log.level=warn',
    ],
    { cwd: directory, env: { PATH: globalThis.process.env.PATH } },
  );
  const url = `http://127.0.0.1:${port}`;
  await waitFor('prometheus to be ready', async () => (await fetch(`${url}/-/ready`).catch(() => undefined))?.ok === true, process, 60_000);
  return {
    url,
    process,
    async stop() {
      await process.stop();
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}

/**
 * `describe` when Prometheus and promtool are here; else, outside CI, `describe.skip` with a printed reason.
 * In CI the suite runs anyway, and its `beforeAll` should fail with {@link prometheusUnavailable}'s reason.
 */
export function describeWithPrometheus(suite: string): jest.Describe {
  const unavailable = prometheusUnavailable();
  if (!unavailable || process.env.CI) return describe;
  // eslint-disable-next-line no-console
  console.warn(`SKIPPED: ${unavailable}; ${suite} did not run.`);
  return describe.skip;
}
