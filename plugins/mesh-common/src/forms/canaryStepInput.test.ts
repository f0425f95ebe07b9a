import { canaryStepFromForm, withCanaryStep } from './canaryStepInput';

const stored = { service: { name: 'payment-service', namespace: 'payments', ports: [{ number: 8080, name: 'http', protocol: 'HTTP' }] } };

describe('a canary step from the form, over the stored policy', () => {
  it('names each value a step needs', () => {
    expect(canaryStepFromForm({ step: 'start', stableVersion: 'v1', canaryVersion: '' })).toEqual({
      ok: false,
      errors: [
        { field: 'canaryStep.canaryVersion', message: 'is required for the "start" step' },
        { field: 'canaryStep.canaryWeight', message: 'is required for the "start" step' },
      ],
    });
    expect(canaryStepFromForm({ step: 'shift' })).toEqual({
      ok: false,
      errors: [{ field: 'canaryStep.canaryWeight', message: 'is required for the "shift" step' }],
    });
    expect(canaryStepFromForm({ step: 'rollback', canaryWeight: 5 })).toEqual({ ok: true, value: { step: 'rollback' } });
  });

  it('starts a canary on a stored policy, then rolls it back', () => {
    const started = withCanaryStep(stored, stored, { step: 'start', stableVersion: 'v1', canaryVersion: 'v2', canaryWeight: 10 });
    if (!started.ok) throw new Error(JSON.stringify(started.errors));
    expect(started.value.canary).toEqual({ stableVersion: 'v1', canaryVersion: 'v2', canaryWeight: 10 });
    const rolledBack = withCanaryStep(started.value, started.value, { step: 'rollback' });
    expect(rolledBack.ok && rolledBack.value.canary).toEqual(expect.objectContaining({ canaryWeight: 0 }));
  });

  it('refuses, naming the step, a rollback of a canary Git does not hold and any step on a service Git holds no policy of', () => {
    expect(withCanaryStep(stored, stored, { step: 'rollback' })).toEqual({
      ok: false,
      errors: [
        {
          field: 'canaryStep.step',
          message: expect.stringMatching(/^there is no canary to rollback for this service in Git; start one first \(.*adopt it from the Mesh tab\)$/),
        },
      ],
    });
    const start = { step: 'start' as const, stableVersion: 'v1', canaryVersion: 'v2', canaryWeight: 10 };
    expect(withCanaryStep({ service: { name: 'payment-service', namespace: 'payments' } }, undefined, start)).toEqual({
      ok: false,
      errors: [{ field: 'canaryStep.step', message: expect.stringContaining('put the service on the mesh first (mesh-onboard-service)') }],
    });
  });
});
