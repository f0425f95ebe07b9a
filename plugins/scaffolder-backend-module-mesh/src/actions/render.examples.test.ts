import { MeshActionRunner } from '../__testUtils__/actionRunner';
import { describeExamples, exampleInput } from '../__testUtils__/examples';
import { createMeshRenderAction } from './render';
import { renderExamples } from './render.examples';

describeExamples('mesh:render', renderExamples, createMeshRenderAction, repoUrl => {
  const runner = new MeshActionRunner({});

  it('the onboarding and namespace examples run as they are written, after a checkout', async () => {
    const service = await runner.run([
      { action: 'mesh:gitops:checkout', input: { repoUrl: repoUrl(), entityRef: 'component:default/payment-service' } },
      { action: 'mesh:render', input: exampleInput(renderExamples, 'Onboard a service') },
    ]);
    expect(service.outputs.changedFiles).toEqual(expect.arrayContaining([expect.stringMatching(/^mesh\/payments\/payment-service\//)]));
    const namespace = await runner.run([
      { action: 'mesh:gitops:checkout', input: { repoUrl: repoUrl(), entityRef: 'component:default/payment-service', scope: 'namespace' } },
      { action: 'mesh:render', input: exampleInput(renderExamples, 'Onboard a namespace') },
    ]);
    expect(namespace.outputs.changedFiles).toEqual(expect.arrayContaining([expect.stringMatching(/^mesh\/payments\/_namespace\//)]));
  });

  it('the shift example needs a stored policy with a running canary and says so', async () => {
    await expect(
      runner.run([
        { action: 'mesh:gitops:checkout', input: { repoUrl: repoUrl(), entityRef: 'component:default/payment-service' } },
        { action: 'mesh:render', input: exampleInput(renderExamples, 'Shift') },
      ]),
    ).rejects.toThrow('canaryStep.step: the folder holds no Meshport policy (meshport-policy.yaml) in Git to change');
  });
});
