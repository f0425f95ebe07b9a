import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { CanaryStep, canaryStepFromForm, CanaryStepInput, policyFromForm, PolicyValidationError } from '@meshport/plugin-mesh-common';
import { CheckoutRecord, ensureFolder, PrivateRepository, RepositorySnapshot } from '@meshport/plugin-mesh-node';
import { removingStateOnFailure } from '../gitops/taskCleanup';
import { mirrorPlan } from '../folder/folderFiles';
import { MeshGitOpsContext } from '../gitops/context';
import { meshRootsOf } from '@meshport/plugin-mesh-node';
import { renderToFolder, RenderRequest } from '../render/renderToFolder';
import { DEFAULT_WORKING_COPY } from './checkout';
import { renderExamples } from './render.examples';

const REMOVABLE_SECTIONS = ['jwt', 'traffic', 'canary', 'ingress', 'telemetry'] as const;

/** The form's canary step as the model's; missing values are named before the policy is touched. */
export function toCanaryStep(input: CanaryStepInput): CanaryStep {
  const parsed = canaryStepFromForm(input);
  if (!parsed.ok) throw new PolicyValidationError(parsed.errors);
  return parsed.value;
}

/** Fills in the names the checkout established, and refuses any that differ: a render writes only its own folder. */
function withCheckoutNames(record: CheckoutRecord, section: Record<string, unknown> | undefined, fields: Record<string, string | undefined>, root: string) {
  const given = (section ?? {}) as Record<string, unknown>;
  for (const [field, expected] of Object.entries(fields)) {
    if (given[field] !== undefined && given[field] !== expected) {
      throw new InputError(
        `${root}.${field}: "${String(given[field])}" is not ${record.entityRef}'s (${expected}); a render changes only the checked-out component's folder`,
      );
    }
  }
  return { ...given, ...fields };
}

/** A narrow form's edit, which may not rename the service either. */
function editOf(record: CheckoutRecord, edit: Record<string, unknown>): Record<string, unknown> {
  if (edit.service === undefined) return edit;
  const fields = { namespace: record.namespace, name: record.service };
  return { ...edit, service: withCheckoutNames(record, edit.service as Record<string, unknown>, fields, 'edit.service') };
}

/** The render request a form describes, bound to the checked-out component. */
function requestFor(
  record: CheckoutRecord,
  input: {
    policy?: Record<string, unknown>;
    namespacePolicy?: Record<string, unknown>;
    removeSections?: string[];
    canaryStep?: CanaryStepInput;
    edit?: Record<string, unknown>;
    entityRef?: string;
    confirmAccessLoss?: string[];
  },
): RenderRequest {
  const servicePolicy = input.policy ?? (input.edit ? {} : undefined);
  if (Boolean(servicePolicy) === Boolean(input.namespacePolicy)) {
    throw new InputError('policy: give either policy or edit (a service), or namespacePolicy (a namespace)');
  }
  if (input.entityRef && input.entityRef !== record.entityRef) {
    throw new InputError(`entityRef: "${input.entityRef}" is not the component mesh:gitops:checkout checked out (${record.entityRef})`);
  }
  const wanted = servicePolicy ? 'service' : 'namespace';
  if (record.scope !== wanted)
    throw new InputError(`${wanted === 'service' ? 'policy' : 'namespacePolicy'}: the checkout is for a ${record.scope} change (scope "${record.scope}")`);
  if (servicePolicy) {
    const policy = policyFromForm(servicePolicy);
    const service = withCheckoutNames(
      record,
      policy.service as Record<string, unknown>,
      { namespace: record.namespace, name: record.service },
      'policy.service',
    );
    return {
      kind: 'service',
      policy: { ...policy, service },
      removeSections: input.removeSections,
      canaryStep: input.canaryStep ? toCanaryStep(input.canaryStep) : undefined,
      edit: input.edit && editOf(record, input.edit),
      entityRef: record.entityRef,
      confirmAccessLoss: input.confirmAccessLoss ?? [],
    };
  }
  const namespacePolicy = withCheckoutNames(record, policyFromForm(input.namespacePolicy!), { namespace: record.namespace }, 'namespacePolicy');
  return { kind: 'namespace', namespacePolicy, entityRef: record.entityRef };
}

/** The largest policy (as JSON) a render takes: far above any real service's, far below what would slow the backend. */
export const MAX_POLICY_BYTES = 256 * 1024;

/** Refuses a policy larger than {@link MAX_POLICY_BYTES}, before any rule reads it. */
function checkPolicySize(input: { policy?: unknown; namespacePolicy?: unknown; edit?: unknown }) {
  for (const field of ['policy', 'namespacePolicy', 'edit'] as const) {
    const bytes = input[field] === undefined ? 0 : Buffer.byteLength(JSON.stringify(input[field]));
    if (bytes > MAX_POLICY_BYTES) {
      throw new InputError(`${field}: is ${bytes} bytes as JSON, over the limit of ${MAX_POLICY_BYTES} bytes a render takes. Nothing was changed`);
    }
  }
}

/** `mesh:render`: renders a Meshport policy into the checked-out component's folder, merged with what is there. */
export function createMeshRenderAction(context: MeshGitOpsContext) {
  return createTemplateAction({
    id: 'mesh:render',
    description:
      'Renders a Meshport policy into the folder of the component mesh:gitops:checkout checked out (mesh/<namespace>/<service>/, kustomize-ready), merged with what the repository already holds there, and fails on invalid input or error-level findings.',
    examples: renderExamples,
    supportsDryRun: true,
    schema: {
      input: {
        policy: z =>
          z
            .record(z.unknown())
            .optional()
            .describe(
              'MeshPolicy sections for a service; each section given replaces the stored one, "service" is merged; its name and namespace come from the checkout',
            ),
        namespacePolicy: z => z.record(z.unknown()).optional().describe('A NamespacePolicy, for namespace onboarding (instead of policy)'),
        edit: z =>
          z
            .record(z.unknown())
            .optional()
            .describe(
              "Fields of the folder's stored policy to change, e.g. { authorization: { dryRun: false } }: records are merged field by field, values and lists replace the stored ones, everything else stays as stored. Needs a stored policy",
            ),
        removeSections: z => z.array(z.enum(REMOVABLE_SECTIONS)).optional().describe('Policy sections to remove, e.g. ["ingress"]'),
        canaryStep: z =>
          z
            .object({
              step: z.enum(['start', 'shift', 'promote', 'rollback']).describe('Canary step'),
              stableVersion: z.string().optional().describe('"version" label of the stable pods (start)'),
              canaryVersion: z.string().optional().describe('"version" label of the canary pods (start)'),
              canaryWeight: z.number().optional().describe('Percent of traffic to the canary (start, shift)'),
              headerName: z.string().optional().describe('Header that always routes to the canary (start)'),
              headerValue: z.string().optional().describe('Its value (start)'),
              analysis: z
                .record(z.unknown())
                .optional()
                .describe("The canary's own thresholds (start): minSuccessRate, maxP99Ms, minRequests, stepWeight, maxWeight"),
            })
            .optional()
            .describe('A canary release step applied to the stored policy'),
        entityRef: z => z.string().optional().describe('Optional check: the catalog entity mesh:gitops:checkout checked out'),
        confirmAccessLoss: z =>
          z
            .array(z.string().max(320))
            .max(200)
            .optional()
            .describe(
              'Callers ("namespace/serviceaccount") the user accepts will lose access; a change that takes access away from any other caller Meshport knows of is refused',
            ),
        workingCopy: z => z.string().optional().describe('Workspace folder mesh:gitops:checkout used'),
        layout: z => z.string().optional().describe('Not settable: the folder layout is mesh.gitops.layout; a template that names another is refused'),
      },
      output: {
        folder: z => z.string().describe('Repository folder the files are in'),
        summary: z => z.string().describe('Markdown: what changes, findings, overhead, how to roll back'),
        title: z => z.string().describe('A title for the change request'),
        branchName: z => z.string().describe("The branch this service's mesh changes accumulate on"),
        changedFiles: z => z.array(z.string()).describe('Files added, changed or removed'),
        findingCount: z => z.number().describe('Findings (warnings and infos) the analyzers reported'),
      },
    },
    async handler(ctx) {
      const { input } = ctx;
      const workingCopy = input.workingCopy ?? DEFAULT_WORKING_COPY;
      const state = context.store.forTask(ctx.task.id, workingCopy);
      const record = await state.readRecord('workingCopy', workingCopy);
      const outcome = await removingStateOnFailure(state, async () => {
        if (input.layout !== undefined) {
          throw new InputError(`layout: "${input.layout}" cannot be set by a template; Meshport writes ${record.folder} (mesh.gitops.layout)`);
        }
        checkPolicySize(input);
        const request = requestFor(record, input);
        if (request.kind === 'service' && context.observedCallers) {
          request.observed = await context.observedCallers(record.entityRef, await ctx.getInitiatorCredentials());
        }
        const repository = new PrivateRepository(state, { remoteUrl: record.remoteUrl, limits: context.limits });
        return renderToFolder(new RepositorySnapshot(record, repository), record.folder, meshRootsOf(context.layout), request, {
          egressGatewayNamespaces: context.egressGatewayNamespaces,
        });
      });

      const staged = { writes: { ...record.staged.writes }, removes: record.staged.removes.filter(path => !path.startsWith(`${record.folder}/`)) };
      for (const path of Object.keys(staged.writes)) if (path.startsWith(`${record.folder}/`)) delete staged.writes[path];
      for (const write of outcome.plan.writes) staged.writes[`${record.folder}/${write.path}`] = write.content;
      staged.removes.push(...outcome.plan.removes.map(path => `${record.folder}/${path}`));
      await state.writeRecord({ ...record, staged });
      await mirrorPlan(await ensureFolder(ctx.workspacePath, workingCopy, 'workingCopy', true), outcome.folder, outcome.plan);

      const changedFiles = [
        ...outcome.plan.writes.filter(write => write.change !== 'unchanged').map(write => `${outcome.folder}/${write.path}`),
        ...outcome.plan.removes.map(file => `${outcome.folder}/${file}`),
      ];
      for (const warning of outcome.warnings) ctx.logger.warn(warning);
      ctx.logger.info(`Rendered ${outcome.subject} into ${outcome.folder}: ${changedFiles.length} files changed, ${outcome.findings.length} findings`);
      ctx.output('folder', outcome.folder);
      ctx.output('summary', outcome.summary);
      ctx.output('title', outcome.title);
      ctx.output('branchName', outcome.branchName);
      ctx.output('changedFiles', changedFiles);
      ctx.output('findingCount', outcome.findings.length);
    },
  });
}
