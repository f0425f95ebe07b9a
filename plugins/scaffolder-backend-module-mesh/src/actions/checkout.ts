import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { GithubCredentialsProvider, ScmIntegrationRegistry } from '@backstage/integration';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { DEFAULT_WORKING_COPY } from './render';
import { checkoutExamples } from './checkout.examples';
import { changeBranchName, checkoutForChange, displayUrl, repoUrlOrDefault, resolveProvider } from '@meshport/plugin-mesh-node';

/** `mesh:gitops:checkout`: clones the GitOps repository on the branch this service's changes accumulate on. */
export function createMeshGitopsCheckoutAction(options: {
  config: Config;
  integrations: ScmIntegrationRegistry;
  githubCredentials: GithubCredentialsProvider;
}) {
  const { config, integrations, githubCredentials } = options;
  return createTemplateAction({
    id: 'mesh:gitops:checkout',
    description:
      'Clones the GitOps repository into the workspace, on the branch an earlier run for the same service pushed (so the next form builds on it) or on a new one from the target branch. Read-only on the remote.',
    examples: checkoutExamples,
    supportsDryRun: true,
    schema: {
      input: {
        repoUrl: z => z.string().optional().describe('GitOps repository: "github.com?owner=o&repo=r", a GitLab equivalent, or a git URL; default mesh.gitops.defaultRepoUrl'),
        namespace: z => z.string().describe('Kubernetes namespace of the service'),
        service: z => z.string().optional().describe('Service name; leave out for a namespace change'),
        targetBranch: z => z.string().optional().describe('Branch the change request targets; default: mesh.gitops.targetBranch, then the repository\'s default'),
        workingCopy: z => z.string().optional().describe('Workspace folder to clone into'),
      },
      output: {
        branch: z => z.string().describe('The change branch checked out'),
        baseBranch: z => z.string().describe('The branch the change request targets'),
        branchExisted: z => z.boolean().describe('True when an earlier run\'s branch was found and checked out'),
        remoteUrl: z => z.string().describe('The repository, with no credentials'),
      },
    },
    async handler(ctx) {
      const { input } = ctx;
      const branch = changeBranchName({ namespace: input.namespace, service: input.service });
      const provider = await resolveProvider(repoUrlOrDefault(config, input.repoUrl), integrations, githubCredentials);
      const baseBranch = input.targetBranch || config.getOptionalString('mesh.gitops.targetBranch') || (await provider.defaultBranch());
      const record = await checkoutForChange({
        directory: resolveSafeChildPath(ctx.workspacePath, input.workingCopy ?? DEFAULT_WORKING_COPY),
        remoteUrl: provider.remoteUrl,
        branch,
        baseBranch,
        credentials: provider.credentials,
      });
      ctx.logger.info(`Checked out ${record.branch} (${record.branchExisted ? 'existing' : `new, from ${record.baseBranch}`}) of ${displayUrl(record.remoteUrl)}`);
      ctx.output('branch', record.branch);
      ctx.output('baseBranch', record.baseBranch);
      ctx.output('branchExisted', record.branchExisted);
      ctx.output('remoteUrl', displayUrl(record.remoteUrl));
    },
  });
}
