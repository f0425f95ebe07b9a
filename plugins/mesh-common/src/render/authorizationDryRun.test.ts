import { ambientL4PolicyExample, ambientWaypointPolicyExample, paymentServicePolicyExample } from '../examples';
import { parseMeshPolicy } from '../model';
import { renderPolicy } from './renderPolicy';

describe('authorization in dry run', () => {
  it('renders deny-by-default and the allowed callers with istio.io/dry-run, and leaves the rest enforced', () => {
    const policies = renderPolicy({
      ...paymentServicePolicyExample,
      authorization: { ...paymentServicePolicyExample.authorization, dryRun: true },
    }).objects.filter(o => o.kind === 'AuthorizationPolicy');
    expect(policies.map(p => [p.metadata.name, p.metadata.annotations?.['istio.io/dry-run']])).toEqual(
      expect.arrayContaining([
        ['payment-service-deny-by-default', 'true'],
        ['payment-service-allow-callers', 'true'],
      ]),
    );
    expect(
      policies.filter(p => !p.metadata.name.endsWith('deny-by-default') && !p.metadata.name.endsWith('allow-callers')).every(p => !p.metadata.annotations),
    ).toBe(true);
    expect(renderPolicy(paymentServicePolicyExample).objects.some(o => o.metadata.annotations?.['istio.io/dry-run'])).toBe(false);
  });

  it('is refused in ambient mode without a waypoint: Istio 1.30 sends ztunnel no dry-run policy (pilot/pkg/features/ambient.go)', () => {
    expect(parseMeshPolicy({ ...ambientL4PolicyExample, authorization: { ...ambientL4PolicyExample.authorization, dryRun: true } })).toEqual({
      ok: false,
      errors: [
        expect.objectContaining({ field: 'authorization.dryRun', message: expect.stringContaining('AMBIENT_ENABLE_DRY_RUN_AUTHORIZATION_POLICY is off') }),
      ],
    });
  });

  it('is tried at the waypoint in ambient mode with one: the policies attached to the Service carry istio.io/dry-run', () => {
    const policies = renderPolicy({
      ...ambientWaypointPolicyExample,
      authorization: { ...ambientWaypointPolicyExample.authorization, dryRun: true },
    }).objects.filter(o => o.kind === 'AuthorizationPolicy' && o.metadata.annotations?.['istio.io/dry-run'] === 'true');
    const service = [{ group: '', kind: 'Service', name: 'checkout' }];
    expect(policies.map(p => [p.metadata.name, p.spec?.targetRefs]).sort()).toEqual([
      ['checkout-allow-callers', service],
      ['checkout-deny-by-default', service],
    ]);
  });
});
