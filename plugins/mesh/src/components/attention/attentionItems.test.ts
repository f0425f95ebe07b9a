import { demoClusterStatus } from '../../__testUtils__/demoStatus';
import { attentionItems } from './attentionItems';

const ORDER = 'component:default/order-service';

/** order-service of the demo as the portal serves it: istiod's sync says one proxy is stale, and Git's Sidecar drifted in the cluster. */
function orderService() {
  const status = demoClusterStatus('prod', 'orders', 'order-service');
  status.workloads.pods[0].proxy!.sync = { state: 'stale', stale: ['RDS'] };
  status.workloads.staleProxies = 1;
  status.afterMerge = {
    commit: '0123456789abcdef',
    objects: [{ file: 'sidecar.yaml', kind: 'Sidecar', namespace: 'orders', name: 'order-service', state: 'drifted', differences: ['spec.egress'] }],
  };
  return status;
}

describe('what needs attention', () => {
  it('leads order-service with its errors: the proxy not ready (with its restarts) and the stale one, then the drift and the dry run, each with its fix', () => {
    const items = attentionItems(orderService(), ORDER);
    expect(items.map(i => [i.severity, i.title])).toEqual([
      ['error', '1 proxy not ready: its pod gets no traffic.'],
      ['error', "1 proxy has not taken istiod's latest configuration."],
      ['warning', 'The cluster differs from Git: Sidecar orders/order-service.'],
      ['warning', 'Authorization is in dry run: orders/order-service-allow-callers, orders/order-service-deny-by-default are counted, not enforced.'],
    ]);
    expect(items[0].detail).toBe('order-service-7d9c5b8f4-x7k2p (5 restarts)');
    expect(items[1].detail).toBe('order-service-7d9c5b8f4-q9m4t: RDS');
    // Drift is Git's to restore, not a form's to change: no template, the way back in words.
    expect(items[2].detail).toBe(
      'Sidecar orders/order-service: spec.egress changed in the cluster. Git holds the right objects: no Argo CD Application or Flux Kustomization was found applying this folder, so apply it, and find what changed the cluster.',
    );
    expect(items[2].action).toBeUndefined();
    expect(items[3].action).toEqual({ label: 'Enforce', link: { template: 'mesh-enforce-authorization', formData: { entity: ORDER } } });
  });

  it('names the GitOps controller that puts a drifted object back', () => {
    const status = orderService();
    status.afterMerge!.controllers = [{ kind: 'Application', namespace: 'argocd', name: 'mesh-orders', path: 'mesh/orders', sync: 'OutOfSync' }];
    const drift = attentionItems(status, ORDER).find(i => i.title.startsWith('The cluster differs from Git'));
    expect(drift?.detail).toContain('syncing Application argocd/mesh-orders (OutOfSync) puts them back');
  });

  it('offers a PERMISSIVE service the narrow strict-mTLS edit, not the onboarding form', () => {
    const status = demoClusterStatus('prod', 'orders', 'order-service');
    status.findings = [
      { code: 'MP0006', level: 'info', resource: 'PeerAuthentication orders/order-service', message: 'mTLS mode is PERMISSIVE: plaintext traffic is accepted' },
    ];
    const item = attentionItems(status, ORDER).find(i => i.action?.label === 'Make mTLS strict');
    expect(item?.action?.link).toEqual({ template: 'mesh-strict-mtls', formData: { entity: ORDER } });
  });

  it('says user-service is not on the mesh, that mTLS and authorization do not apply, and offers onboarding', () => {
    const [item, ...rest] = attentionItems(demoClusterStatus('prod', 'users', 'user-service'), 'component:default/user-service');
    expect(rest).toEqual([]);
    expect(item).toMatchObject({
      severity: 'warning',
      title: 'Not on the mesh: no pod has an Istio proxy, so mutual TLS and authorization do not apply.',
      action: { label: 'Put it on the mesh', link: { template: 'mesh-onboard-service', formData: { entity: 'component:default/user-service' } } },
    });
  });

  it('opens the egress template with the hosts the mesh refused, for a blocked call (MP0012)', () => {
    const status = demoClusterStatus('prod', 'payments', 'payment-service');
    status.findings.push({
      code: 'MP0012',
      level: 'warning',
      resource: 'Deployment payments/payment-service-v1',
      message: '1.00 calls/s to api.cards.example.com were refused',
    });
    status.traffic.edges = [
      {
        direction: 'outbound',
        source: { namespace: 'payments', workload: 'payment-service-v1' },
        destination: { service: 'api.cards.example.com' },
        requestRate: 1,
        via: 'BlackHoleCluster',
      },
    ];
    const item = attentionItems(status, 'component:default/payment-service').find(i => i.detail?.startsWith('MP0012'));
    expect(item).toMatchObject({
      severity: 'warning',
      title: '1.00 calls/s to api.cards.example.com were refused.',
      action: {
        label: 'Declare the external service',
        link: { template: 'mesh-egress', formData: { entity: 'component:default/payment-service', hosts: ['api.cards.example.com'] } },
      },
    });
  });

  it('puts a failing canary among the errors with its roll-back button, and a cluster that could not be read first of all', () => {
    const status = demoClusterStatus('prod', 'payments', 'payment-service');
    status.traffic.canary!.analysis = {
      checks: [{ name: 'success rate', canary: 90, stable: 99, threshold: 99, pass: false }],
      verdict: 'rollback',
      reason: 'success rate out of bounds',
      weight: 10,
      canaryVersion: 'v2',
      stableVersion: 'v1',
      thresholds: { minSuccessRate: 99, maxP99Ms: 500, minRequests: 100, stepWeight: 20, maxWeight: 50 },
      source: 'config',
    };
    const [first, second] = attentionItems(status, 'component:default/payment-service');
    expect(first).toMatchObject({ severity: 'error', title: 'Canary v2 fails its checks (success rate): roll it back.', action: { label: 'Roll back' } });
    expect(second.severity).toBe('info');
    expect(attentionItems({ ...status, error: { reason: 'timeout', message: 'no answer' } }, 'component:default/payment-service')).toEqual([
      { severity: 'error', title: 'Cluster prod could not be read: no answer.' },
    ]);
  });
});
