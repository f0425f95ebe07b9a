import { parseYaml } from '@meshport/plugin-mesh-common';
import { MeshActionRunner } from '../testing/actionRunner';
import { checkoutExamples } from './checkout.examples';
import { pullRequestExamples } from './pullRequest.examples';
import { renderExamples } from './render.examples';
import { createMeshRenderAction } from './render';
import { createMeshGitopsCheckoutAction } from './checkout';
import { createMeshGitopsPullRequestAction } from './pullRequest';
import { ConfigReader } from '@backstage/config';
import { DefaultGithubCredentialsProvider, ScmIntegrations } from '@backstage/integration';

const config = new ConfigReader({});
const integrations = ScmIntegrations.fromConfig(config);
const githubCredentials = DefaultGithubCredentialsProvider.fromIntegrations(integrations);

describe.each([
  ['mesh:render', renderExamples, createMeshRenderAction({ config })],
  ['mesh:gitops:checkout', checkoutExamples, createMeshGitopsCheckoutAction({ config, integrations, githubCredentials })],
  ['mesh:gitops:pull-request', pullRequestExamples, createMeshGitopsPullRequestAction({ config, integrations, githubCredentials })],
])('the %s examples', (id, examples, action) => {
  it.each(examples.map(example => [example.description, example.example]))('"%s" uses the action with declared inputs only', (_description, yaml) => {
    const [document] = parseYaml(yaml) as any[];
    const declared = Object.keys((action.schema?.input as any).properties);
    for (const step of document.steps) {
      expect(step.action).toBe(id);
      expect(Object.keys(step.input).filter(key => !declared.includes(key))).toEqual([]);
    }
  });
});

describe('the mesh:render examples', () => {
  it('render: the onboarding and namespace examples run as they are written', async () => {
    const runner = new MeshActionRunner({});
    const runnable = renderExamples.filter(example => !example.description.startsWith('Shift'));
    for (const example of runnable) {
      const [document] = parseYaml(example.example) as any[];
      const run = await runner.run([{ action: 'mesh:render', input: document.steps[0].input }]);
      expect(run.outputs.changedFiles).toEqual(expect.arrayContaining([expect.stringMatching(/^mesh\/payments\//)]));
    }
  });

  it('the shift example needs a running canary and says so', async () => {
    const [document] = parseYaml(renderExamples.find(e => e.description.startsWith('Shift'))!.example) as any[];
    await expect(new MeshActionRunner({}).run([{ action: 'mesh:render', input: document.steps[0].input }])).rejects.toThrow('canaryStep.step: there is no canary to shift');
  });
});
