import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { CanaryStep, policyFromForm } from '@meshport/plugin-mesh-common';
import { applyFolderPlan } from '../folder/folderFiles';
import { layoutFromConfig } from '../layout';
import { renderToFolder, RenderRequest } from '../render/renderToFolder';
import { renderExamples } from './render.examples';

export const DEFAULT_WORKING_COPY = 'gitops';
const REMOVABLE_SECTIONS = ['jwt', 'traffic', 'canary', 'ingress', 'telemetry'] as const;

interface CanaryStepInput {
  step: 'start' | 'shift' | 'promote' | 'rollback';
  stableVersion?: string;
  canaryVersion?: string;
  canaryWeight?: number;
  headerName?: string;
  headerValue?: string;
}

/** The form's canary step as the model's; missing values are named before the policy is touched. */
export function toCanaryStep(input: CanaryStepInput): CanaryStep {
  const need = <T>(value: T | undefined, field: string): T => {
    if (value === undefined || value === '') throw new InputError(`canaryStep.${field}: is required for the "${input.step}" step`);
    return value;
  };
  switch (input.step) {
    case 'start':
      return {
        step: 'start',
        stableVersion: need(input.stableVersion, 'stableVersion'),
        canaryVersion: need(input.canaryVersion, 'canaryVersion'),
        canaryWeight: need(input.canaryWeight, 'canaryWeight'),
        headerMatch: input.headerName ? { name: input.headerName, value: need(input.headerValue, 'headerValue') } : undefined,
      };
    case 'shift':
      return { step: 'shift', canaryWeight: need(input.canaryWeight, 'canaryWeight') };
    default:
      return { step: input.step };
  }
}

/** `mesh:render`: renders a Meshport policy into the GitOps working copy, merged with what is there. */
export function createMeshRenderAction(options: { config: Config }) {
  const layout = layoutFromConfig(options.config);
  return createTemplateAction({
    id: 'mesh:render',
    description:
      'Renders a Meshport policy into the GitOps working copy (mesh/<namespace>/<service>/, kustomize-ready), merged with what the repository already holds there, and fails on invalid input or error-level findings.',
    examples: renderExamples,
    supportsDryRun: true,
    schema: {
      input: {
        policy: z =>
          z
            .record(z.unknown())
            .optional()
            .describe('MeshPolicy sections for a service; each section given replaces the stored one, "service" is merged'),
        namespacePolicy: z => z.record(z.unknown()).optional().describe('A NamespacePolicy, for namespace onboarding (instead of policy)'),
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
          })
          .optional()
          .describe('A canary release step applied to the stored policy'),
        entityRef: z => z.string().optional().describe('The catalog entity the policy is for'),
        workingCopy: z => z.string().optional().describe('Workspace folder holding the GitOps repository (see mesh:gitops:checkout)'),
        layout: z => z.string().optional().describe('Folder pattern inside the repository; default from mesh.gitops.layout'),
      },
      output: {
        folder: z => z.string().describe('Repository folder the files are in'),
        summary: z => z.string().describe('Markdown: what changes, findings, overhead, how to roll back'),
        title: z => z.string().describe('A title for the change request'),
        branchName: z => z.string().describe('The branch this service\'s mesh changes accumulate on'),
        changedFiles: z => z.array(z.string()).describe('Files added, changed or removed'),
        findingCount: z => z.number().describe('Findings (warnings and infos) the analyzers reported'),
      },
    },
    async handler(ctx) {
      const { input } = ctx;
      if (Boolean(input.policy) === Boolean(input.namespacePolicy)) {
        throw new InputError('policy: give either policy (a service) or namespacePolicy (a namespace)');
      }
      const request: RenderRequest = input.policy
        ? {
            kind: 'service',
            policy: policyFromForm(input.policy),
            removeSections: input.removeSections,
            canaryStep: input.canaryStep ? toCanaryStep(input.canaryStep) : undefined,
            entityRef: input.entityRef,
          }
        : { kind: 'namespace', namespacePolicy: policyFromForm(input.namespacePolicy!), entityRef: input.entityRef };
      const root = resolveSafeChildPath(ctx.workspacePath, input.workingCopy ?? DEFAULT_WORKING_COPY);
      const effectiveLayout = input.layout ? { service: input.layout, namespace: input.layout } : layout;
      const outcome = await renderToFolder(root, effectiveLayout, request);
      await applyFolderPlan(resolveSafeChildPath(root, outcome.folder), outcome.plan);

      const changedFiles = [
        ...outcome.plan.writes.filter(write => write.change !== 'unchanged').map(write => `${outcome.folder}/${write.path}`),
        ...outcome.plan.removes.map(file => `${outcome.folder}/${file}`),
      ];
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
