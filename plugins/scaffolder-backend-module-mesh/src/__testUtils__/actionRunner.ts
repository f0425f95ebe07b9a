import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigReader } from '@backstage/config';
import { DefaultGithubCredentialsProvider, ScmIntegrations } from '@backstage/integration';
import { createMeshGitopsCheckoutAction } from '../actions/checkout';
import { createMeshGitopsPullRequestAction } from '../actions/pullRequest';
import { createMeshRenderAction } from '../actions/render';

/** Everything an action run wrote to its log and outputs. */
export interface ActionRun {
  log: string[];
  outputs: Record<string, unknown>;
}

/**
 * Runs Meshport's three actions in sequence the way the scaffolder does, in one fresh workspace, with
 * the real actions built from config (integrations included). The context is the scaffolder's contract:
 * a workspace, a logger, outputs and checkpoints.
 */
export class MeshActionRunner {
  private readonly actions;

  constructor(configData: Record<string, any>) {
    const config = new ConfigReader(configData);
    const integrations = ScmIntegrations.fromConfig(config);
    const githubCredentials = DefaultGithubCredentialsProvider.fromIntegrations(integrations);
    this.actions = {
      'mesh:gitops:checkout': createMeshGitopsCheckoutAction({ config, integrations, githubCredentials }),
      'mesh:render': createMeshRenderAction({ config }),
      'mesh:gitops:pull-request': createMeshGitopsPullRequestAction({ config, integrations, githubCredentials }),
    };
  }

  /** Runs steps in one workspace; stops at the first failure and throws it with the log so far attached. */
  async run(steps: Array<{ action: keyof MeshActionRunner['actions']; input: Record<string, unknown> }>, options: { dryRun?: boolean } = {}): Promise<ActionRun> {
    const workspacePath = fs.mkdtempSync(path.join(os.tmpdir(), 'meshport-action-'));
    const run: ActionRun = { log: [], outputs: {} };
    const line = (level: string) => (message: string, meta?: unknown) => run.log.push(`${level}: ${message}${meta ? ` ${JSON.stringify(meta)}` : ''}`);
    const logger: any = { info: line('info'), warn: line('warn'), error: line('error'), debug: line('debug') };
    logger.child = () => logger;
    try {
      for (const step of steps) {
        const action: any = this.actions[step.action];
        await action.handler({
          workspacePath,
          input: step.input,
          logger,
          isDryRun: options.dryRun ?? false,
          output: (name: string, value: unknown) => {
            run.outputs[name] = value;
          },
          checkpoint: async ({ fn }: { fn: () => Promise<unknown> }) => fn(),
          createTemporaryDirectory: async () => fs.mkdtempSync(path.join(os.tmpdir(), 'meshport-action-tmp-')),
          getInitiatorCredentials: async () => ({ $$type: '@backstage/BackstageCredentials', principal: { type: 'user', userEntityRef: 'user:default/alice' } }),
          task: { id: 'test-task' },
        });
      }
      return run;
    } catch (error) {
      (error as any).actionLog = run.log;
      throw error;
    } finally {
      fs.rmSync(workspacePath, { recursive: true, force: true });
    }
  }
}

/** The three steps of a mesh template for payment-service, with a form's policy sections. */
export function paymentServiceSteps(
  repoUrl: string,
  policy: Record<string, unknown>,
  extra: Record<string, unknown> = {},
): Array<{ action: 'mesh:gitops:checkout' | 'mesh:render' | 'mesh:gitops:pull-request'; input: Record<string, unknown> }> {
  return [
    { action: 'mesh:gitops:checkout', input: { repoUrl, namespace: 'payments', service: 'payment-service' } },
    {
      action: 'mesh:render',
      input: { policy: { service: { name: 'payment-service', namespace: 'payments', ports: [{ number: 8080, name: 'http', protocol: 'HTTP' }] }, ...policy } },
    },
    {
      action: 'mesh:gitops:pull-request',
      input: { repoUrl, title: 'Mesh configuration for payment-service.payments', description: 'Rendered by Meshport', ...extra },
    },
  ];
}
