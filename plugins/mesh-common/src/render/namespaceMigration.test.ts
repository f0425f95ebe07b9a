import { migrationSteps, NamespacePolicyInput, parseNamespacePolicy } from '../model';
import { renderNamespacePolicy } from './renderPolicy';

const base: NamespacePolicyInput = { namespace: 'shop' };
// As the migration template sends it: the waypoint on for every step, as the waypoint the migration deploys and leaves.
const stepPolicy = (mode: 'ambient' | 'sidecar', step?: string): NamespacePolicyInput => ({
  ...base,
  dataPlane: { mode, waypoint: Boolean(step), ...(step ? { migrationStep: step as any } : {}) },
});

function stateOf(policy: NamespacePolicyInput) {
  const objects = renderNamespacePolicy(policy).objects;
  const labels = objects.find(o => o.kind === 'Namespace')!.metadata.labels ?? {};
  const mesh = Object.fromEntries(Object.entries(labels).filter(([key]) => key.startsWith('istio')));
  return { labels: mesh, waypoint: objects.some(o => o.kind === 'Gateway' && o.metadata.name === 'waypoint') };
}

describe("a namespace's migration, in Istio's order", () => {
  it('goes to ambient one change at a time: the waypoint, its use, enrollment, then injection stops', () => {
    expect([stepPolicy('sidecar'), ...migrationSteps('ambient').map(s => stepPolicy('ambient', s.step))].map(stateOf)).toEqual([
      { labels: { 'istio-injection': 'enabled' }, waypoint: false },
      { labels: { 'istio-injection': 'enabled' }, waypoint: true },
      { labels: { 'istio-injection': 'enabled', 'istio.io/use-waypoint': 'waypoint' }, waypoint: true },
      { labels: { 'istio-injection': 'enabled', 'istio.io/dataplane-mode': 'ambient', 'istio.io/use-waypoint': 'waypoint' }, waypoint: true },
      { labels: { 'istio.io/dataplane-mode': 'ambient', 'istio.io/use-waypoint': 'waypoint' }, waypoint: true },
    ]);
    // The last step is ambient itself.
    expect(stateOf(stepPolicy('ambient', 'stop-injection'))).toEqual(stateOf({ ...base, dataPlane: { mode: 'ambient', waypoint: true } }));
  });

  it('comes back the other way round: injection first, then the ambient labels and the waypoint go', () => {
    expect(migrationSteps('sidecar').map(s => stateOf(stepPolicy('sidecar', s.step)))).toEqual([
      { labels: { 'istio-injection': 'enabled', 'istio.io/dataplane-mode': 'ambient', 'istio.io/use-waypoint': 'waypoint' }, waypoint: true },
      { labels: { 'istio-injection': 'enabled' }, waypoint: false },
    ]);
  });

  it('never leaves a pod to neither a sidecar nor ztunnel: every step keeps injection or enrollment', () => {
    const all = [...migrationSteps('ambient').map(s => stepPolicy('ambient', s.step)), ...migrationSteps('sidecar').map(s => stepPolicy('sidecar', s.step))];
    for (const policy of all) {
      const { labels } = stateOf(policy);
      expect(Boolean(labels['istio-injection'] || labels['istio.io/rev'] || labels['istio.io/dataplane-mode'] === 'ambient')).toBe(true);
    }
  });

  it('keeps a revision label until injection stops', () => {
    expect(stateOf({ ...base, injection: { revision: '1-30' }, dataPlane: { mode: 'ambient', waypoint: true, migrationStep: 'enroll' } }).labels).toEqual({
      'istio.io/rev': '1-30',
      'istio.io/dataplane-mode': 'ambient',
      'istio.io/use-waypoint': 'waypoint',
    });
  });

  it.each([
    [
      'a step of the other direction',
      { mode: 'ambient', waypoint: true, migrationStep: 'restore-injection' },
      'dataPlane.migrationStep',
      'is a step towards sidecar mode',
    ],
    [
      'the waypoint steps without a waypoint',
      { mode: 'ambient', waypoint: false, migrationStep: 'use-waypoint' },
      'dataPlane.waypoint',
      'is needed by the migration',
    ],
  ])('refuses %s, naming the field', (_case, dataPlane, field, message) => {
    expect(parseNamespacePolicy({ ...base, dataPlane: dataPlane as any })).toEqual({
      ok: false,
      errors: [expect.objectContaining({ field, message: expect.stringContaining(message) })],
    });
  });
});
