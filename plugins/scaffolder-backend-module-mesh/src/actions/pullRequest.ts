import { parseEntityRef } from '@backstage/catalog-model';
import { ConflictError, InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { CheckoutRecord, displayUrl, hasGitMetadata, PrivateRepository } from '@meshport/plugin-mesh-node';
import { changeRequestBody, commitMessage } from '../gitops/changeRequestText';
import { MeshGitOpsContext } from '../gitops/context';
import { DEFAULT_WORKING_COPY } from './checkout';
import { requesterOf } from '../gitops/entityAccess';
import { pullRequestExamples } from './pullRequest.examples';

/** Refuses a pull-request step whose repoUrl names another repository than the one checked out. */
function checkSameRepository(context: MeshGitOpsContext, record: CheckoutRecord, repoUrl: string | undefined) {
  if (!repoUrl?.trim()) return;
  const named = context.repositories.resolve(repoUrl);
  if (named.id !== record.repositoryId) {
    throw new InputError(
      `repoUrl: must be the repository mesh:gitops:checkout fetched (${record.repoUrl}), not ${repoUrl}; credentials go only where the checkout fetched from`,
    );
  }
}

/** The link to a task's page in the portal, where its full output is. */
function taskUrl(context: MeshGitOpsContext, taskId: string): string | undefined {
  const app = context.config.getOptionalString('app.baseUrl');
  return app ? `${app.replace(/\/$/, '')}/create/tasks/${taskId}` : undefined;
}

/**
 * Where a person reviews the change: the change request's page on a Git host; for a remote the browser
 * cannot open (a plain git repository on the portal's machine), the component's Mesh tab, which lists the
 * open change with its branch and the command that shows it.
 */
function reviewUrl(context: MeshGitOpsContext, url: string, entityRef: string): string {
  if (/^https?:\/\//.test(url)) return url;
  const app = context.config.getOptionalString('app.baseUrl');
  if (!app) return url;
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return `${app.replace(/\/$/, '')}/catalog/${encodeURIComponent(namespace)}/${encodeURIComponent(kind.toLocaleLowerCase('en-US'))}/${encodeURIComponent(
    name,
  )}/mesh`;
}

/** `mesh:gitops:pull-request`: commits what mesh:render staged and opens or updates the change request. */
export function createMeshGitopsPullRequestAction(context: MeshGitOpsContext) {
  return createTemplateAction({
    id: 'mesh:gitops:pull-request',
    description:
      "Commits exactly what mesh:render staged on the component's Meshport branch (with the requesting user in a Requested-by trailer), pushes it without overwriting anyone, and opens the change request (GitHub pull request, GitLab merge request, or the branch itself on a plain git remote); a re-run updates the same branch and request.",
    examples: pullRequestExamples,
    supportsDryRun: true,
    schema: {
      input: {
        repoUrl: z => z.string().optional().describe('Optional check: the repository mesh:gitops:checkout fetched'),
        workingCopy: z => z.string().optional().describe('Workspace folder mesh:gitops:checkout used'),
        title: z => z.string().min(1).max(250).describe('Change request title'),
        description: z =>
          z.string().optional().describe("Change request body (markdown), e.g. mesh:render's summary; cut with a pointer to the task when too long"),
        labels: z => z.array(z.string().min(1).max(100)).optional().describe('Labels to add (GitHub, GitLab)'),
        reviewers: z => z.array(z.string().min(1).max(100)).optional().describe('Reviewers: user names, or "org/team" on GitHub'),
      },
      output: {
        url: z => z.string().describe('The change request (or, on plain git, the branch)'),
        reviewUrl: z =>
          z.string().describe("Where to review it in a browser: the change request's page, or for a remote the browser cannot open, the component's Mesh tab"),
        number: z => z.number().optional().describe('Pull or merge request number'),
        branch: z => z.string().describe('The branch'),
        commit: z => z.string().optional().describe('The commit pushed; absent when nothing changed'),
        changed: z => z.boolean().describe('False when the repository already held exactly this'),
      },
    },
    async handler(ctx) {
      const { input } = ctx;
      const workingCopy = input.workingCopy ?? DEFAULT_WORKING_COPY;
      const state = context.store.forTask(ctx.task.id, workingCopy);
      const record = await state.readRecord('workingCopy', workingCopy);
      // The last Meshport step: whatever happens, nothing it fetched is needed again.
      try {
        if (await hasGitMetadata(ctx.workspacePath, workingCopy)) {
          throw new InputError(
            `workingCopy: ${workingCopy}/.git was written by another step; Meshport keeps its git data outside the workspace and stops here`,
          );
        }
        checkSameRepository(context, record, input.repoUrl);
        const credentials = await ctx.getInitiatorCredentials();
        await context.entities.authorizeChange(record.entityRef, credentials);
        const requester = requesterOf(credentials);

        const provider = await context.providers.providerFor(context.repositories.resolve(record.repoUrl));
        const git = new PrivateRepository(state, {
          remoteUrl: record.remoteUrl,
          credentials: provider.credentials,
          identity: context.identity,
          limits: context.limits,
        });
        const foreign = record.branchFetched ? await git.foreignCommits(context.identity.email) : [];
        if (foreign.length > 0) {
          throw new ConflictError(
            `Branch ${record.branch} has commits Meshport did not make (${foreign.join('; ')}); Meshport will not build over them. ` +
              'Merge or close its change request, or delete the branch, then run the template again.',
          );
        }
        const message = commitMessage({ title: input.title, entityRef: record.entityRef, requester });
        const commit = await git.commit(record.startCommit, record.staged, message);
        if (!commit && !record.branchFetched) {
          ctx.logger.info(`The repository already holds this configuration on ${record.baseBranch}; nothing to propose`);
          ctx.output('url', `${displayUrl(record.remoteUrl)}#${record.baseBranch}`);
          ctx.output('reviewUrl', reviewUrl(context, `${displayUrl(record.remoteUrl)}#${record.baseBranch}`, record.entityRef));
          ctx.output('branch', record.baseBranch);
          ctx.output('changed', false);
          return;
        }
        // Asking the host first proves the credentials and finds the request to update, before anything is pushed.
        const existing = await provider.findOpen(record.branch, record.baseBranch);
        if (ctx.isDryRun) {
          ctx.logger.info(
            `Dry run: would ${commit ? `push a commit onto ${record.branch}` : 'push nothing'} and ${
              existing ? `update ${existing.url}` : 'open a change request'
            }`,
          );
          ctx.output('url', existing?.url ?? `${displayUrl(record.remoteUrl)}#${record.branch}`);
          ctx.output('reviewUrl', reviewUrl(context, existing?.url ?? `${displayUrl(record.remoteUrl)}#${record.branch}`, record.entityRef));
          ctx.output('branch', record.branch);
          ctx.output('changed', Boolean(commit));
          return;
        }
        const requesters = [...new Set([...(record.branchFetched ? await git.requesters() : []), requester])];
        const body = changeRequestBody({ description: input.description ?? '', requesters, taskUrl: taskUrl(context, ctx.task.id) });
        const result = await ctx.checkpoint({
          key: `mesh.gitops.pull-request.${record.branch}.${record.startCommit}`,
          fn: async () => {
            if (commit) await git.push(commit, record.branch, record.branchHead);
            try {
              const request = await provider.upsert(
                {
                  branch: record.branch,
                  baseBranch: record.baseBranch,
                  title: input.title,
                  body,
                  labels: input.labels ?? [],
                  reviewers: input.reviewers ?? [],
                },
                existing,
              );
              return { url: request.url, number: request.number ?? null, commit: commit ?? null, warnings: request.warnings };
            } catch (error) {
              if (commit) await git.undoPush(record.branch, commit, record.branchHead);
              throw error;
            }
          },
        });
        for (const warning of result.warnings) ctx.logger.warn(warning);
        ctx.logger.info(`${existing ? 'Updated' : 'Opened'} ${result.url}`);
        ctx.output('url', result.url);
        ctx.output('reviewUrl', reviewUrl(context, result.url, record.entityRef));
        if (result.number !== null) ctx.output('number', result.number);
        ctx.output('branch', record.branch);
        if (result.commit) ctx.output('commit', result.commit);
        ctx.output('changed', Boolean(result.commit));
      } finally {
        await state.remove();
      }
    },
  });
}
