import { MeshActionRunner } from '../__testUtils__/actionRunner';
import { describeExamples, exampleInput } from '../__testUtils__/examples';
import { createMeshGitopsCheckoutAction } from './checkout';
import { checkoutExamples } from './checkout.examples';

describeExamples('mesh:gitops:checkout', checkoutExamples, createMeshGitopsCheckoutAction, repoUrl => {
  it('the default-repository and namespace examples check out mesh.gitops.defaultRepoUrl, as they are written', async () => {
    const runner = new MeshActionRunner({ mesh: { gitops: { defaultRepoUrl: repoUrl() } } });
    const service = await runner.run([{ action: 'mesh:gitops:checkout', input: exampleInput(checkoutExamples, "Use the portal's default") }]);
    expect({ folder: service.outputs.folder, branch: service.outputs.branch }).toEqual({
      folder: 'mesh/payments/payment-service',
      branch: 'meshport/payments/payment-service',
    });
    const namespace = await runner.run([{ action: 'mesh:gitops:checkout', input: exampleInput(checkoutExamples, 'Check out for a change') }]);
    expect(namespace.outputs.folder).toBe('mesh/payments/_namespace');
  });
});
