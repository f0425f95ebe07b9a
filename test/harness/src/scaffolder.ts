import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { findRepoRoot } from './repoRoot';

/** A scaffolder task's end state as `GET /v2/tasks/:id` and its events give it. */
export interface FinishedTask {
  id: string;
  status: 'completed' | 'failed' | 'cancelled';
  output: Record<string, any>;
  log: string[];
}

/** Reads one of the repository's templates as the scaffolder's dry-run endpoint wants it. */
export function readTemplate(name: string): any {
  return parse(fs.readFileSync(path.join(findRepoRoot(), 'templates', name, 'template.yaml'), 'utf8'));
}

/** A client for a running scaffolder backend: run templates for real or dry, and wait for the result. */
export class ScaffolderTestClient {
  constructor(private readonly baseUrl: string, private readonly authorization: string) {}

  private async request(method: string, route: string, body?: unknown) {
    const response = await fetch(`${this.baseUrl}/api/scaffolder${route}`, {
      method,
      headers: { authorization: this.authorization, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let answer: any = text;
    try {
      answer = text ? JSON.parse(text) : undefined;
    } catch {
      // Not JSON: keep the text, e.g. a proxy's error page.
    }
    return { status: response.status, body: answer };
  }

  /**
   * Starts a task from a catalog template and waits for it to end, asking for its state every `pollMs`
   * (a benchmark polls often, so that the wait adds little to what it measures).
   */
  async run(templateName: string, values: Record<string, unknown>, timeoutMs = 120_000, pollMs = 100): Promise<FinishedTask> {
    const created = await this.request('POST', '/v2/tasks', { templateRef: `template:default/${templateName}`, values });
    if (created.status !== 201) throw new Error(`POST /v2/tasks answered ${created.status}: ${JSON.stringify(created.body)}`);
    const id = created.body.id as string;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const task = await this.request('GET', `/v2/tasks/${id}`);
      if (['completed', 'failed', 'cancelled'].includes(task.body.status)) {
        const events = await this.request('GET', `/v2/tasks/${id}/events`);
        const log = (events.body as any[]).map(event => String(event.body?.message ?? ''));
        const completion = (events.body as any[]).find(event => event.type === 'completion');
        return { id, status: task.body.status, output: completion?.body?.output ?? {}, log };
      }
      if (Date.now() > deadline) throw new Error(`task ${id} did not finish within ${timeoutMs} ms`);
      await new Promise(resolve => setTimeout(resolve, pollMs));
    }
  }

  /** Runs a template through the dry-run endpoint; `files` are the template's own files, beside it. */
  async dryRun(template: unknown, values: Record<string, unknown>, files: Record<string, string> = {}) {
    const directoryContents = Object.entries(files).map(([file, content]) => ({ path: file, base64Content: Buffer.from(content).toString('base64') }));
    return this.request('POST', '/v2/dry-run', { template, values, directoryContents });
  }
}
