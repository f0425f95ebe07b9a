import { object } from '@meshport/istio-config/testUtils';
import { OutboundCall } from '../metrics/fleetMetrics';
import { scopeCovers } from '@meshport/istio-config';
import { outboundFindings } from './outboundFindings';

const deployment = (name: string, namespace: string, app: string) =>
  object('Deployment', name, namespace, { spec: { template: { metadata: { labels: { app } } } } });
const sidecar = (name: string, namespace: string, hosts: string[], extra: Record<string, unknown> = {}) =>
  object('Sidecar', name, namespace, { spec: { egress: [{ hosts }], ...extra } });
const call = (host: string, cluster: OutboundCall['cluster'], rate = 2): OutboundCall => ({ source: 'orders/order-service-v1', host, cluster, rate });

const orders = deployment('order-service-v1', 'orders', 'order-service');

describe('findings from what a workload calls', () => {
  it('reports calls refused for want of a ServiceEntry under REGISTRY_ONLY, naming the host', () => {
    const findings = outboundFindings({
      workloads: [orders],
      calls: [call('api.cards.example.com', 'BlackHoleCluster'), call('payment-service.payments.svc.cluster.local', 'service')],
      sidecars: [],
      rootNamespace: 'istio-system',
      meshOutboundPolicy: 'REGISTRY_ONLY',
    });
    expect(findings).toEqual([
      {
        code: 'MP0012',
        level: 'warning',
        resource: 'Deployment orders/order-service-v1',
        message:
          "2.00 calls/s to api.cards.example.com were refused (BlackHoleCluster): no ServiceEntry declares the host and the mesh's outbound policy (REGISTRY_ONLY) lets calls out to declared hosts only",
      },
    ]);
  });

  it('reports calls to hosts the proxy scope leaves out, from the Sidecar Istio picks for the workload', () => {
    const scoped = sidecar('order-service', 'orders', ['./*', 'istio-system/*', 'payments/payment-service.payments.svc.cluster.local'], {
      workloadSelector: { labels: { app: 'order-service' } },
    });
    const namespaceWide = sidecar('default', 'orders', ['*/*']);
    const calls = [
      call('payment-service.payments.svc.cluster.local', 'service'),
      call('user-service.users.svc.cluster.local', 'PassthroughCluster', 0.5),
      call('cart.orders.svc.cluster.local', 'service'),
    ];
    const findings = outboundFindings({ workloads: [orders], calls, sidecars: [namespaceWide, scoped], rootNamespace: 'istio-system' });
    expect(findings.map(f => [f.code, f.message])).toEqual([
      [
        'MP0013',
        '0.50 calls/s to user-service.users.svc.cluster.local, which the proxy scope of Sidecar orders/order-service leaves out: they left unmanaged (PassthroughCluster), past mTLS and policy',
      ],
    ]);
    // Without its own, the namespace's Sidecar applies, and lets everything through.
    expect(outboundFindings({ workloads: [orders], calls, sidecars: [namespaceWide], rootNamespace: 'istio-system' })).toEqual([]);
  });

  it('reads Sidecar egress hosts as Istio does', () => {
    expect(scopeCovers('./*', 'cart.orders.svc.cluster.local', 'orders')).toBe(true);
    expect(scopeCovers('./*', 'cart.shop.svc.cluster.local', 'orders')).toBe(false);
    expect(scopeCovers('*/cart.shop.svc.cluster.local', 'cart.shop.svc.cluster.local', 'orders')).toBe(true);
    expect(scopeCovers('orders/*.example.com', 'api.example.com', 'orders')).toBe(true);
    expect(scopeCovers('~/*', 'api.example.com', 'orders')).toBe(false);
  });
});
