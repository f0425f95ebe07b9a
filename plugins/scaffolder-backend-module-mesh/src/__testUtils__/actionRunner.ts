import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BackstageCredentials, LoggerService } from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { NotAllowedError } from '@backstage/errors';
import { ActionContext } from '@backstage/plugin-scaffolder-node';
import { JsonObject } from '@backstage/types';
import { claimantsAmong, FolderClaimant } from '@meshport/plugin-mesh-node';
import { createMeshGitopsCheckoutAction } from '../actions/checkout';
import { createMeshGitopsPullRequestAction } from '../actions/pullRequest';
import { createMeshRenderAction } from '../actions/render';
import { createMeshGitOpsContext, MeshGitOpsContext } from '../gitops/context';
import { EntityAccess } from '../gitops/entityAccess';

function component(name: string, namespace: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations: { 'backstage.io/kubernetes-id': name, 'backstage.io/kubernetes-namespace': namespace } },
    spec: { type: 'service', owner: 'group:default/payments-team', lifecycle: 'production' },
    relations: [{ type: 'ownedBy', targetRef: 'group:default/payments-team' }],
  };
}

/** The demo components the action tests change. */
export const FIXTURE_ENTITIES = [component('payment-service', 'payments'), component('user-service', 'users'), component('order-service', 'orders')];

/**
 * A catalog of fixed entities and a permission rule given as a function: the action tests' stand-in
 * for the catalog and permission backends, behind the same interface the module uses in production.
 */
export class FixtureEntityAccess implements EntityAccess {
  constructor(private readonly entities: Entity[] = FIXTURE_ENTITIES, private readonly mayChange: (entityRef: string, user: string) => boolean = () => true) {}

  async authorizeChange(entityRef: string, credentials: BackstageCredentials): Promise<void> {
    const user = (credentials.principal as { userEntityRef?: string }).userEntityRef ?? '';
    if (!this.mayChange(entityRef, user)) throw new NotAllowedError(`entityRef: ${user} may not change ${entityRef}`);
  }

  async entity(entityRef: string): Promise<Entity | undefined> {
    return this.entities.find(entity => stringifyEntityRef(entity) === entityRef);
  }

  async claimants(namespace: string, service?: string): Promise<FolderClaimant[]> {
    return claimantsAmong(this.entities, namespace, service);
  }

  /** Every user of the fixture is in payments-team, which owns every fixture component. */
  async ownershipOf(credentials: BackstageCredentials) {
    const requester = (credentials.principal as { userEntityRef?: string }).userEntityRef ?? 'unknown';
    return { requester, ownership: [requester, 'group:default/payments-team'] };
  }
}

/** A logger that keeps each line of a run, as "level: message {meta}". */
function recordingLogger(log: string[]): LoggerService {
  const line = (level: string) => (message: string, meta?: Error | JsonObject) => {
    log.push(`${level}: ${message}${meta ? ` ${JSON.stringify(meta)}` : ''}`);
  };
  const logger: LoggerService = { info: line('info'), warn: line('warn'), error: line('error'), debug: line('debug'), child: () => logger };
  return logger;
}

/** Everything an action run wrote to its log and outputs. */
export interface ActionRun {
  log: string[];
  outputs: Record<string, unknown>;
}

type MeshActionId = 'mesh:gitops:checkout' | 'mesh:render' | 'mesh:gitops:pull-request';

/** The configuration the action tests run with: local repositories under the temporary folder, and every integration host. */
function testConfig(configData: Record<string, any>) {
  const hosts = ['github', 'gitlab'].flatMap(kind => (configData.integrations?.[kind] ?? []).map((entry: { host: string }) => ({ host: entry.host })));
  const gitops = configData.mesh?.gitops ?? {};
  return {
    ...configData,
    mesh: {
      ...configData.mesh,
      gitops: {
        allowLocalRepositories: true,
        ...gitops,
        allowedRepositories: [...(gitops.allowedRepositories ?? []), { path: `${fs.realpathSync(os.tmpdir())}/*/*` }, { path: `${os.tmpdir()}/*/*` }, ...hosts],
      },
    },
  };
}

/**
 * Runs Meshport's three actions in sequence the way the scaffolder does, in one fresh workspace and
 * task, with the real actions built from config (integrations included), as the given user.
 */
export class MeshActionRunner {
  private context?: Promise<MeshGitOpsContext>;

  constructor(private readonly configData: Record<string, any>, private readonly options: { user?: string; entities?: EntityAccess } = {}) {}

  private actions() {
    this.context ??= createMeshGitOpsContext({
      config: new ConfigReader(testConfig(this.configData)),
      entities: this.options.entities ?? new FixtureEntityAccess(),
    });
    return this.context.then(context => ({
      'mesh:gitops:checkout': createMeshGitopsCheckoutAction(context),
      'mesh:render': createMeshRenderAction(context),
      'mesh:gitops:pull-request': createMeshGitopsPullRequestAction(context),
    }));
  }

  /** Runs steps in one workspace; stops at the first failure and throws it with the log so far attached. */
  async run(steps: Array<{ action: MeshActionId; input: Record<string, unknown> }>, options: { dryRun?: boolean } = {}): Promise<ActionRun> {
    const actions = await this.actions();
    const workspacePath = fs.mkdtempSync(path.join(os.tmpdir(), 'meshport-action-'));
    const temporary: string[] = [workspacePath];
    const run: ActionRun = { log: [], outputs: {} };
    const user = this.options.user ?? 'user:default/alice';
    const task = { id: randomUUID() };
    try {
      for (const step of steps) {
        // The scaffolder's context for one step, as its task worker builds it (types from @backstage/plugin-scaffolder-node).
        const context: ActionContext<JsonObject> = {
          workspacePath,
          input: step.input as JsonObject,
          logger: recordingLogger(run.log),
          isDryRun: options.dryRun ?? false,
          output: (name, value) => {
            run.outputs[String(name)] = value;
          },
          checkpoint: async ({ fn }) => fn(),
          createTemporaryDirectory: async () => {
            temporary.push(fs.mkdtempSync(path.join(os.tmpdir(), 'meshport-action-tmp-')));
            return temporary[temporary.length - 1];
          },
          getInitiatorCredentials: async () => mockCredentials.user(user),
          user: { ref: user },
          task,
        };
        await (actions[step.action] as unknown as { handler(context: ActionContext<JsonObject>): Promise<void> }).handler(context);
      }
      return run;
    } catch (error) {
      (error as any).actionLog = run.log;
      throw error;
    } finally {
      for (const directory of temporary) fs.rmSync(directory, { recursive: true, force: true });
    }
  }
}

/** The three steps of a mesh template for payment-service, with a form's policy sections. */
export function paymentServiceSteps(
  repoUrl: string,
  policy: Record<string, unknown>,
  extra: Record<string, unknown> = {},
): Array<{ action: MeshActionId; input: Record<string, unknown> }> {
  return [
    { action: 'mesh:gitops:checkout', input: { repoUrl, entityRef: 'component:default/payment-service' } },
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
