import { createMockDirectory } from '@backstage/backend-test-utils';
import { branchesOf, createBareRepository, git } from '@meshport/test-harness';
import { MeshActionRunner, paymentServiceSteps } from '../__testUtils__/actionRunner';

jest.setTimeout(60_000);

describe('mesh:render with bad input, on a plain git repository', () => {
  const parent = createMockDirectory();
  let repoUrl: string;
  let repository: string;
  const runner = new MeshActionRunner({});

  beforeAll(async () => {
    repository = createBareRepository(parent.path);
    repoUrl = `file://${repository}`;
    const canary = { canary: { stableVersion: 'v1', canaryVersion: 'v2', canaryWeight: 10 } };
    await runner.run(paymentServiceSteps(repoUrl, canary));
  });

  const refs = () => git(repository, 'for-each-ref', '--format=%(refname) %(objectname)');

  const shift = (canaryWeight: number) => {
    const steps = paymentServiceSteps(repoUrl, {});
    steps[1].input = { policy: { service: { name: 'payment-service', namespace: 'payments' } }, canaryStep: { step: 'shift', canaryWeight } };
    return steps;
  };

  it('shifts a running canary', async () => {
    const run = await runner.run(shift(30));
    expect(run.outputs.changed).toBe(true);
  });

  it.each([
    ['a weight over 100', () => shift(150), 'policy.canary.canaryWeight: must be at most 100'],
    ['a fractional weight', () => shift(12.5), 'policy.canary.canaryWeight: must be a whole number'],
    [
      'an invalid service name',
      () => paymentServiceSteps(repoUrl, { service: { name: 'Payment_Service', namespace: 'payments', ports: [{ number: 8080 }] } }),
      'policy.service.name: ',
    ],
    [
      'a port override on a port the service lacks',
      () => paymentServiceSteps(repoUrl, { mtls: { mode: 'STRICT', portOverrides: [{ port: 9999, mode: 'PERMISSIVE' }] } }),
      'policy.mtls.portOverrides[0].port',
    ],
    [
      'a JWKS URL over plain http',
      () => paymentServiceSteps(repoUrl, { jwt: { rules: [{ issuer: 'https://id.example.com', jwksUri: 'http://id.example.com/keys' }] } }),
      'policy.jwt.rules[0].jwksUri',
    ],
    [
      'a header value that would break YAML',
      () =>
        paymentServiceSteps(repoUrl, {
          canary: { stableVersion: 'v1', canaryVersion: 'v2', canaryWeight: 5, headerMatch: { name: 'x-canary', value: 'yes\n---\nkind: Secret' } },
        }),
      'policy.canary.headerMatch.value',
    ],
  ])('refuses %s with an error naming the field, before anything is pushed', async (_case, steps, message) => {
    const before = refs();
    await expect(runner.run(steps())).rejects.toThrow(message);
    expect(refs()).toBe(before);
  });

  const storedPolicy = () => git(repository, 'show', 'meshport/payments/payment-service:mesh/payments/payment-service/meshport-policy.yaml');

  it('edits only the fields a narrow form gives, keeping the rest of the stored policy line for line', async () => {
    const before = storedPolicy();
    expect(before).toContain('canaryWeight');
    const steps = paymentServiceSteps(repoUrl, {});
    steps[1].input = { edit: { injection: { proxyResources: { cpuRequest: '20m' } } } };
    await runner.run(steps);
    const after = storedPolicy();
    const changed = (a: string, b: string) => a.split('\n').filter(line => !b.split('\n').includes(line));
    expect(changed(after, before).map(line => line.trim())).toEqual(['injection:', 'proxyResources:', 'cpuRequest: 20m']);
    expect(changed(before, after)).toEqual([]);
  });

  it('refuses an edit that would rename the service', async () => {
    const steps = paymentServiceSteps(repoUrl, {});
    steps[1].input = { edit: { service: { name: 'order-service' } } };
    await expect(runner.run(steps)).rejects.toThrow('edit.service.name: "order-service" is not component:default/payment-service\'s');
  });

  it('refuses to edit the policy of a service Meshport holds none of, before anything is pushed', async () => {
    const steps = paymentServiceSteps(repoUrl, {});
    steps[0].input = { repoUrl, entityRef: 'component:default/user-service' };
    steps[1].input = { edit: { authorization: { dryRun: false } } };
    await expect(runner.run(steps)).rejects.toThrow('edit: the folder holds no Meshport policy (meshport-policy.yaml) in Git to change');
    expect(branchesOf(repository)).not.toContain('meshport/users/user-service');
  });

  it('refuses a canary step on a service Git holds no policy of, and to promote the canary of a service that has none, before anything is pushed', async () => {
    const promote = () => {
      const steps = paymentServiceSteps(repoUrl, {});
      steps[0].input = { repoUrl, entityRef: 'component:default/user-service' };
      steps[1].input = { policy: { service: { name: 'user-service', namespace: 'users' } }, canaryStep: { step: 'promote' } };
      return steps;
    };
    await expect(runner.run(promote())).rejects.toThrow('canaryStep.step: the folder holds no Meshport policy (meshport-policy.yaml) in Git to change');
    expect(branchesOf(repository)).not.toContain('meshport/users/user-service');

    const onboard = paymentServiceSteps(repoUrl, {});
    onboard[0].input = { repoUrl, entityRef: 'component:default/user-service' };
    onboard[1].input = { policy: { service: { name: 'user-service', namespace: 'users', ports: [{ number: 8080, name: 'http', protocol: 'HTTP' }] } } };
    await runner.run(onboard);
    const before = git(repository, 'rev-parse', 'meshport/users/user-service');
    await expect(runner.run(promote())).rejects.toThrow('canaryStep.step: there is no canary to promote for this service in Git; start one first');
    expect(git(repository, 'rev-parse', 'meshport/users/user-service')).toBe(before);
  });
});
