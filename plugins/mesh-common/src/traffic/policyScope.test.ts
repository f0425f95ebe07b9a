import { byAge, policyScopeFor, policySelector, targetScopeFor } from './policyScope';

const policy = (namespace: string, spec: Record<string, unknown> = {}, name = 'p', creationTimestamp?: string) => ({
  kind: 'AuthorizationPolicy',
  metadata: { name, namespace, ...(creationTimestamp ? { creationTimestamp } : {}) },
  spec,
});
const app = { app: 'payment-service', version: 'v1' };

describe('policyScopeFor', () => {
  it('applies a selector only to matching workloads of its own namespace, even in the root namespace', () => {
    const selecting = policy('payments', { selector: { matchLabels: { app: 'payment-service' } } });
    expect(policyScopeFor(selecting, 'payments', app, 'istio-system')).toBe('workload');
    expect(policyScopeFor(selecting, 'payments', { app: 'other' }, 'istio-system')).toBeUndefined();
    expect(policyScopeFor(selecting, 'orders', app, 'istio-system')).toBeUndefined();
    const rootSelecting = policy('istio-system', { selector: { matchLabels: { app: 'payment-service' } } });
    expect(policyScopeFor(rootSelecting, 'payments', app, 'istio-system')).toBeUndefined();
  });

  it('applies a policy without selector to its namespace, or to the mesh from the root namespace', () => {
    expect(policyScopeFor(policy('payments'), 'payments', app, 'istio-system')).toBe('namespace');
    expect(policyScopeFor(policy('payments', { selector: { matchLabels: {} } }), 'payments', app, 'istio-system')).toBe('namespace');
    expect(policyScopeFor(policy('istio-system'), 'payments', app, 'istio-system')).toBe('mesh');
    expect(policyScopeFor(policy('orders'), 'payments', app, 'istio-system')).toBeUndefined();
  });

  it('never applies a policy attached with targetRefs by selector or namespace', () => {
    expect(
      policyScopeFor(policy('payments', { targetRefs: [{ kind: 'Service', group: '', name: 'payment-service' }] }), 'payments', app, 'istio-system'),
    ).toBeUndefined();
  });
});

describe('targetScopeFor', () => {
  const services = new Set(['payments/payment-service']);
  const waypoints = new Set(['payments/waypoint']);
  it("reaches the entity through one of its Services or one of its waypoints, in the policy's namespace", () => {
    expect(targetScopeFor(policy('payments', { targetRefs: [{ kind: 'Service', group: '', name: 'payment-service' }] }), services, waypoints)).toBe('service');
    expect(
      targetScopeFor(policy('payments', { targetRef: { kind: 'Gateway', group: 'gateway.networking.k8s.io', name: 'waypoint' } }), services, waypoints),
    ).toBe('waypoint');
    // Istio's own Gateway kind is not a waypoint, and a Service of another namespace is not the entity's.
    expect(
      targetScopeFor(policy('payments', { targetRefs: [{ kind: 'Gateway', group: 'networking.istio.io', name: 'waypoint' }] }), services, waypoints),
    ).toBeUndefined();
    expect(targetScopeFor(policy('orders', { targetRefs: [{ kind: 'Service', group: '', name: 'payment-service' }] }), services, waypoints)).toBeUndefined();
  });
});

describe('policySelector and byAge', () => {
  it('reads security and networking selectors, and orders policies oldest first, then by name, as Istio does', () => {
    expect(policySelector({ kind: 'Sidecar', metadata: { name: 's' }, spec: { workloadSelector: { labels: { app: 'a' } } } })).toEqual({ app: 'a' });
    const sorted = [
      policy('payments', {}, 'b', '2026-01-02T00:00:00Z'),
      policy('payments', {}, 'c', '2026-01-01T00:00:00Z'),
      policy('payments', {}, 'a', '2026-01-02T00:00:00Z'),
    ].sort(byAge);
    expect(sorted.map(p => p.metadata.name)).toEqual(['c', 'a', 'b']);
  });
});
