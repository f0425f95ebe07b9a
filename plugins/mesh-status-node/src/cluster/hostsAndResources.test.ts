import { fullyQualifiedHost } from './hosts';
import { MESH_STATUS_KINDS, MESH_STATUS_RESOURCES, resourcePath } from './statusResources';

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
