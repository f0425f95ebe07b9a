import { createMockDirectory } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { parseYaml } from '@meshport/plugin-mesh-common';
import { createBareRepository } from '@meshport/test-harness';
import { createMeshGitOpsContext } from '../gitops/context';
import { FixtureEntityAccess, MeshActionRunner } from '../__testUtils__/actionRunner';
import { createMeshGitopsCheckoutAction } from './checkout';
import { checkoutExamples } from './checkout.examples';
import { createMeshGitopsPullRequestAction } from './pullRequest';
import { pullRequestExamples } from './pullRequest.examples';
import { createMeshRenderAction } from './render';
import { renderExamples } from './render.examples';

describe("the actions' examples", () => {
  it.each([
    ['mesh:render', renderExamples, createMeshRenderAction],
    ['mesh:gitops:checkout', checkoutExamples, createMeshGitopsCheckoutAction],
    ['mesh:gitops:pull-request', pullRequestExamples, createMeshGitopsPullRequestAction],
  ] as const)('%s: every example uses the action with declared inputs only', async (id, examples, create) => {
    const action = create(await createMeshGitOpsContext({ config: new ConfigReader({}), entities: new FixtureEntityAccess() }));
    const declared = Object.keys((action.schema?.input as any).properties);
    for (const example of examples) {
      const [document] = parseYaml(example.example) as any[];
      for (const step of document.steps) {
        expect(step.action).toBe(id);
        expect({ example: example.description, undeclared: Object.keys(step.input).filter(key => !declared.includes(key)) }).toEqual({
          example: example.description,
          undeclared: [],
        });
      }
    }
  });
});

describe('the mesh:render examples', () => {
  const parent = createMockDirectory();
  let repoUrl: string;
  const runner = new MeshActionRunner({});

  beforeAll(() => {
    repoUrl = `file://${createBareRepository(parent.path)}`;
  });

  const exampleInput = (description: string) =>
    (parseYaml(renderExamples.find(e => e.description.startsWith(description))!.example) as any[])[0].steps[0].input;

  it('the onboarding and namespace examples run as they are written, after a checkout', async () => {
    const service = await runner.run([
      { action: 'mesh:gitops:checkout', input: { repoUrl, entityRef: 'component:default/payment-service' } },
      { action: 'mesh:render', input: exampleInput('Onboard a service') },
    ]);
    expect(service.outputs.changedFiles).toEqual(expect.arrayContaining([expect.stringMatching(/^mesh\/payments\/payment-service\//)]));
    const namespace = await runner.run([
      { action: 'mesh:gitops:checkout', input: { repoUrl, entityRef: 'component:default/payment-service', scope: 'namespace' } },
      { action: 'mesh:render', input: exampleInput('Onboard a namespace') },
    ]);
    expect(namespace.outputs.changedFiles).toEqual(expect.arrayContaining([expect.stringMatching(/^mesh\/payments\/_namespace\//)]));
  });

  it('the shift example needs a stored policy with a running canary and says so', async () => {
    await expect(
      runner.run([
        { action: 'mesh:gitops:checkout', input: { repoUrl, entityRef: 'component:default/payment-service' } },
        { action: 'mesh:render', input: exampleInput('Shift') },
      ]),
    ).rejects.toThrow('canaryStep.step: the folder holds no Meshport policy (meshport-policy.yaml) in Git to change');
  });
});
