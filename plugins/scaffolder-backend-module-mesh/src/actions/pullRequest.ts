import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { ConflictError } from '@backstage/errors';
import { GithubCredentialsProvider, ScmIntegrationRegistry } from '@backstage/integration';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { DEFAULT_WORKING_COPY } from './render';
import { pullRequestExamples } from './pullRequest.examples';
import { commitChanges, committerFromConfig, displayUrl, foreignCommits, GitRunner, pendingChanges, pushBranch, readCheckoutRecord, repoUrlOrDefault, resolveProvider, undoPush } from '@meshport/plugin-mesh-node';

/** `mesh:gitops:pull-request`: commits the working copy and opens or updates the change request. */
export function createMeshGitopsPullRequestAction(options: {
  config: Config;
  integrations: ScmIntegrationRegistry;
  githubCredentials: GithubCredentialsProvider;
}) {
  const { config, integrations, githubCredentials } = options;
  const identity = committerFromConfig(config);
  return createTemplateAction({
    id: 'mesh:gitops:pull-request',
    description:
      'Commits what mesh:render left in the GitOps working copy on the service\'s Meshport branch, pushes it without force and opens the change request (GitHub pull request, GitLab merge request, or the branch itself on a plain git remote); a re-run updates the same branch and request.',
    examples: pullRequestExamples,
    supportsDryRun: true,
    schema: {
      input: {
        repoUrl: z => z.string().optional().describe('The same repository mesh:gitops:checkout cloned; default mesh.gitops.defaultRepoUrl'),
        workingCopy: z => z.string().optional().describe('Workspace folder mesh:gitops:checkout cloned into'),
        title: z => z.string().min(1).max(250).describe('Change request title'),
        description: z => z.string().max(60_000).optional().describe('Change request body (markdown), e.g. mesh:render\'s summary'),
        labels: z => z.array(z.string().min(1).max(100)).optional().describe('Labels to add (GitHub, GitLab)'),
        reviewers: z => z.array(z.string().min(1).max(100)).optional().describe('Reviewers: user names, or "org/team" on GitHub'),
      },
      output: {
        url: z => z.string().describe('The change request (or, on plain git, the branch)'),
        number: z => z.number().optional().describe('Pull or merge request number'),
        branch: z => z.string().describe('The branch'),
        commit: z => z.string().optional().describe('The commit pushed; absent when nothing changed'),
        changed: z => z.boolean().describe('False when the repository already held exactly this'),
      },
    },
    async handler(ctx) {
      const { input } = ctx;
      const description = input.description ?? '';
      const directory = resolveSafeChildPath(ctx.workspacePath, input.workingCopy ?? DEFAULT_WORKING_COPY);
      const record = await readCheckoutRecord(directory, 'workingCopy');
      const provider = await resolveProvider(repoUrlOrDefault(config, input.repoUrl), integrations, githubCredentials);
      const git = new GitRunner(directory, { credentials: provider.credentials, identity });

      const foreign = await foreignCommits(git, record, identity);
      if (foreign.length > 0) {
        throw new ConflictError(
          `Branch ${record.branch} has commits Meshport did not make (${foreign.join('; ')}); Meshport will not build over them. ` +
            'Merge or close its change request, or delete the branch, then run the template again.',
        );
      }
      const changes = await pendingChanges(git);
      // Asking the host first proves the credentials and finds the request to update, before anything is pushed.
      const existing = await provider.findOpen(record.branch, record.baseBranch);
      if (ctx.isDryRun) {
        ctx.logger.info(`Dry run: would commit ${changes.length} files on ${record.branch} and ${existing ? `update ${existing.url}` : 'open a change request'}`);
        ctx.output('url', existing?.url ?? `${displayUrl(record.remoteUrl)}#${record.branch}`);
        ctx.output('branch', record.branch);
        ctx.output('changed', changes.length > 0);
        return;
      }
      if (changes.length === 0 && !record.branchExisted) {
        ctx.logger.info(`The repository already holds this configuration on ${record.baseBranch}; nothing to propose`);
        ctx.output('url', `${displayUrl(record.remoteUrl)}#${record.baseBranch}`);
        ctx.output('branch', record.baseBranch);
        ctx.output('changed', false);
        return;
      }
      const result = await ctx.checkpoint({
        key: `mesh.gitops.pull-request.${record.branch}.${record.startCommit}`,
        fn: async () => {
          const commit = await commitChanges(git, `${input.title}\n\n${description}`.trim());
          if (commit) await pushBranch(git, record);
          try {
            const request = await provider.upsert(
              { branch: record.branch, baseBranch: record.baseBranch, title: input.title, body: description, labels: input.labels ?? [], reviewers: input.reviewers ?? [] },
              existing,
            );
            return { url: request.url, number: request.number ?? null, commit: commit ?? null, warnings: request.warnings };
          } catch (error) {
            if (commit) await undoPush(git, record, commit);
            throw error;
          }
        },
      });
      for (const warning of result.warnings) ctx.logger.warn(warning);
      ctx.logger.info(`${existing ? 'Updated' : 'Opened'} ${result.url}`);
      ctx.output('url', result.url);
      if (result.number !== null) ctx.output('number', result.number);
      ctx.output('branch', record.branch);
      if (result.commit) ctx.output('commit', result.commit);
      ctx.output('changed', Boolean(result.commit));
    },
  });
}
