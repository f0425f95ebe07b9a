import { componentPrincipal, entityTarget, targetFromSelector } from './entityTarget';
import { fullyQualifiedHost } from './hosts';
import { MESH_STATUS_KINDS, MESH_STATUS_RESOURCES, resourcePath } from './statusResources';

describe("an entity's cluster objects", () => {
  it("matches by the label-selector annotation when present, else by the kubernetes-id label, as Backstage's Kubernetes plugin does", () => {
    expect(entityTarget({ 'backstage.io/kubernetes-id': 'payment-service', 'backstage.io/kubernetes-namespace': 'payments' })).toEqual({
      namespace: 'payments',
      selector: 'backstage.io/kubernetes-id=payment-service',
      requirements: [{ key: 'backstage.io/kubernetes-id', operator: '=', values: ['payment-service'] }],
    });
    expect(entityTarget({ 'backstage.io/kubernetes-label-selector': 'app in (payments,billing)', 'backstage.io/kubernetes-id': 'ignored' })).toMatchObject({
      namespace: undefined,
      selector: 'app in (payments,billing)',
    });
    expect(entityTarget({})).toBeUndefined();
  });

  it('names the annotation that cannot be read', () => {
    expect(() => entityTarget({ 'backstage.io/kubernetes-label-selector': 'app in (' })).toThrow(/^annotation backstage\.io\/kubernetes-label-selector: /);
    expect(() => entityTarget({ 'backstage.io/kubernetes-id': 'x', 'backstage.io/kubernetes-namespace': 'Payments' })).toThrow(
      'annotation backstage.io/kubernetes-namespace: "Payments" is not a Kubernetes namespace name',
    );
    expect(() => targetFromSelector('app=')).not.toThrow();
  });

  it("gives the principal a component's pods present: its service-account annotation, else its kubernetes-id, else its name", () => {
    expect(
      componentPrincipal(
        { 'backstage.io/kubernetes-namespace': 'orders', 'meshport.io/service-account': 'orders-sa', 'backstage.io/kubernetes-id': 'x' },
        'order-service',
      ),
    ).toBe('cluster.local/ns/orders/sa/orders-sa');
    expect(componentPrincipal({ 'backstage.io/kubernetes-id': 'order-service' }, 'orders')).toBe('cluster.local/ns/default/sa/order-service');
    expect(componentPrincipal({}, 'order-service')).toBe('cluster.local/ns/default/sa/order-service');
  });
});

describe('hosts and the kinds the status reads', () => {
  it.each([
    ['reviews', 'reviews.bookinfo.svc.cluster.local'],
    ['reviews.other', 'reviews.other.svc.cluster.local'],
    ['reviews.other.svc', 'reviews.other.svc.cluster.local'],
    ['reviews.other.svc.cluster.local', 'reviews.other.svc.cluster.local'],
    ['api.example.com', 'api.example.com'],
    ['*.example.com', '*.example.com'],
  ])('reads the host %s, called from bookinfo, as %s', (host, expected) => {
    expect(fullyQualifiedHost(host, 'bookinfo')).toBe(expected);
  });

  it("serves each kind from its API's path; ConfigMaps from the root namespace only", () => {
    const path = (kind: string, group?: string) =>
      resourcePath(MESH_STATUS_RESOURCES.find(r => r.kind === kind && (!group || r.apiVersion.startsWith(group)))!, 'istio-system');
    expect(path('Pod')).toBe('/api/v1/pods');
    expect(path('Deployment')).toBe('/apis/apps/v1/deployments');
    expect(path('Gateway', 'gateway.networking.k8s.io')).toBe('/apis/gateway.networking.k8s.io/v1/gateways');
    expect(path('ConfigMap')).toBe('/api/v1/namespaces/istio-system/configmaps');
    // Istio's Gateways and the Gateway API's are two kinds in the store.
    expect(MESH_STATUS_KINDS).toEqual(expect.arrayContaining(['Gateway', 'KubernetesGateway']));
    expect(new Set(MESH_STATUS_KINDS).size).toBe(MESH_STATUS_KINDS.length);
  });
});
