import { InputError, NotAllowedError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { decideNamespaceOwnership, displayUrl, ownersOf } from '@meshport/plugin-mesh-node';
import { checkoutForChange } from '../gitops/checkout';
import { MeshGitOpsContext } from '../gitops/context';
import { meshTargetOf } from '../gitops/entityAccess';
import { checkoutExamples } from './checkout.examples';

export const DEFAULT_WORKING_COPY = 'gitops';

/** `mesh:gitops:checkout`: fetches the GitOps repository on the branch an entity's mesh changes accumulate on. */
export function createMeshGitopsCheckoutAction(context: MeshGitOpsContext) {
  return createTemplateAction({
    id: 'mesh:gitops:checkout',
    description:
      "Fetches the GitOps repository for a catalog component's mesh change, on the branch an earlier run pushed or a new one from the target branch, " +
      "and copies the component's folder into the workspace. Only the component's owners (permission mesh.gitops.change) may. Read-only on the remote.",
    examples: checkoutExamples,
    supportsDryRun: true,
    schema: {
      input: {
        entityRef: z => z.string().min(1).describe('The catalog component the change is for; its Kubernetes annotations give the namespace and service'),
        scope: z => z.enum(['service', 'namespace']).optional().describe('Change the service (default) or its whole namespace'),
        repoUrl: z =>
          z
            .string()
            .optional()
            .describe(
              'GitOps repository: "github.com?owner=o&repo=r", a GitLab equivalent, or an https git URL; default mesh.gitops.defaultRepoUrl. Must be allowed by mesh.gitops.allowedRepositories',
            ),
        namespace: z => z.string().optional().describe("Optional check: the namespace the component's annotation must name"),
        service: z => z.string().optional().describe("Optional check: the service name the component's annotation must name"),
        targetBranch: z =>
          z.string().optional().describe("Branch the change request targets; default: mesh.gitops.targetBranch, then the repository's default"),
        workingCopy: z => z.string().optional().describe("Workspace folder the component's folder is copied into"),
      },
      output: {
        branch: z => z.string().describe('The change branch'),
        baseBranch: z => z.string().describe('The branch the change request targets'),
        branchExisted: z => z.boolean().describe("True when an earlier run's branch was found"),
        remoteUrl: z => z.string().describe('The repository, with no credentials'),
        folder: z => z.string().describe('The repository folder the change is made in'),
      },
    },
    async handler(ctx) {
      const { input } = ctx;
      const credentials = await ctx.getInitiatorCredentials();
      await context.entities.authorizeChange(input.entityRef, credentials);
      const entity = await context.entities.entity(input.entityRef, credentials);
      if (!entity) throw new InputError(`entityRef: there is no ${input.entityRef} in the catalog`);
      const target = meshTargetOf(input.entityRef, entity, input.scope ?? 'service', context.protectedNamespaces);
      if (input.namespace && input.namespace !== target.namespace)
        throw new InputError(`namespace: "${input.namespace}" is not ${input.entityRef}'s namespace (${target.namespace})`);
      if (input.service && input.service !== target.service)
        throw new InputError(`service: "${input.service}" is not ${input.entityRef}'s service (${target.service ?? 'none: this is a namespace change'})`);

      if (target.scope === 'namespace') {
        const decision = decideNamespaceOwnership({
          namespace: target.namespace,
          ...(await context.entities.ownershipOf(credentials)),
          claimants: await context.entities.claimants(target.namespace),
          configuredOwners: context.namespaceOwners.get(target.namespace),
        });
        if (!decision.owned) throw new NotAllowedError(`entityRef: ${decision.reason}. Nothing was fetched or changed`);
      }

      const { record, notes } = await checkoutForChange(context, {
        taskId: ctx.task.id,
        workspacePath: ctx.workspacePath,
        workingCopy: input.workingCopy ?? DEFAULT_WORKING_COPY,
        target,
        repoUrl: input.repoUrl,
        targetBranch: input.targetBranch,
        owners: ownersOf(entity),
        claimants: target.scope === 'service' ? await context.entities.claimants(target.namespace, target.service) : [],
      });
      for (const note of notes) ctx.logger.warn(note);
      const existed = record.branchHead !== undefined;
      ctx.logger.info(
        `Checked out ${record.branch} (${existed ? 'existing' : `new, from ${record.baseBranch}`}) of ${displayUrl(record.remoteUrl)} for ${record.folder}`,
      );
      ctx.output('branch', record.branch);
      ctx.output('baseBranch', record.baseBranch);
      ctx.output('branchExisted', existed);
      ctx.output('remoteUrl', displayUrl(record.remoteUrl));
      ctx.output('folder', record.folder);
    },
  });
}
