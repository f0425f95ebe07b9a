import { ambientL4PolicyExample, ambientWaypointPolicyExample, paymentServicePolicyExample } from '../examples';
import { compareDataPlanes } from './dataPlaneCost';

const MI = 1024 ** 2;

describe('compareDataPlanes', () => {
  it('prices an L4-only service: a proxy per pod against its share of the ztunnels, no waypoint', () => {
    const comparison = compareDataPlanes(ambientL4PolicyExample, { podsPerNode: 8 });
    expect(comparison.sidecar.total.requests).toEqual({ cpu: 400, memory: 512 * MI });
    // 4 pods of the 8 on a node: half of one ztunnel's 200m and 512Mi.
    expect(comparison.ambient.total.requests).toEqual({ cpu: 100, memory: 256 * MI });
    expect(comparison.ambient.parts.map(p => p.name)).toEqual(['ztunnel']);
    expect(comparison.ambientSaves).toEqual({ cpu: 300, memory: 256 * MI });
    expect(comparison.waypointFor).toEqual([]);
  });

  it('adds a waypoint of its own when a rule needs HTTP, and says which', () => {
    const comparison = compareDataPlanes(ambientWaypointPolicyExample, { podsPerNode: 30 });
    expect(comparison.ambient.total.requests.cpu).toBeCloseTo(120);
    expect(comparison.ambient.total.requests.memory).toBeCloseTo(128 * MI + 51.2 * MI);
    expect(comparison.ambient.total.limits).toEqual({ cpu: 2000, memory: 1024 * MI });
    expect(comparison.waypointFor[0]).toBe('authorization.allow.0 allows callers by method or path');
  });

  it('charges nothing for a shared waypoint, and prices the sidecar the policy configures', () => {
    const shared = compareDataPlanes({ ...ambientWaypointPolicyExample, dataPlane: { mode: 'ambient', waypoint: 'waypoint', useExistingWaypoint: true } });
    expect(shared.ambient.parts.find(p => p.name === 'waypoint')).toMatchObject({
      count: 0,
      basis: "the existing waypoint waypoint is shared: its cost is its namespace's",
    });
    // payment-service asks for 100m/128Mi per sidecar on 3 pods, with limits 500m/256Mi.
    const payments = compareDataPlanes(paymentServicePolicyExample);
    expect(payments.chosen).toBe('sidecar');
    expect(payments.sidecar.total).toEqual({ requests: { cpu: 300, memory: 384 * MI }, limits: { cpu: 1500, memory: 768 * MI } });
  });
});
