import { targetFromSelector } from '@meshport/plugin-mesh-common';
import { namespace, object, pod } from '@meshport/istio-config/testUtils';
import { storeFromDocuments } from '../cluster/clusterObjectStore';
import { clusterStatusFromSlice } from './clusterStatus';

const MI = 1024 ** 2;
const REDIRECTED = { 'ambient.istio.io/redirection': 'enabled' };

function scheduled(p: any, node: string, containers?: any[]) {
  return {
    ...p,
    spec: { ...p.spec, nodeName: node, ...(containers ? { containers } : {}) },
    status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] },
  };
}
const app = { name: 'app', image: 'example/app:1', resources: { requests: { cpu: '500m', memory: '512Mi' } } };
/** Other teams' pods filling each node: 9 besides ours. */
const neighbours = ['node-1', 'node-2', 'node-3'].flatMap(node =>
  Array.from({ length: 9 }, (_, i) => scheduled(pod(`other-${node}-${i}`, 'other', { app: 'other' }), node)),
);
const ztunnels = ['node-1', 'node-2', 'node-3'].map(node =>
  scheduled(pod(`ztunnel-${node}`, 'istio-system', { app: 'ztunnel' }), node, [
    { name: 'istio-proxy', image: 'istio/ztunnel:1.30.0', resources: { requests: { cpu: '400m', memory: '1Gi' } } },
  ]),
);

function costOf(documents: unknown[]) {
  const slice = storeFromDocuments(documents).sliceFor(targetFromSelector('app=stock', 'shop'), 'istio-system');
  return clusterStatusFromSlice('prod', slice, 'istio-system').overhead.dataPlanes!;
}

describe('sidecars against ambient for a service as it runs', () => {
  it("prices an ambient service: its pods' share of each node's ztunnel as the cluster runs it, and its waypoint's pods", () => {
    const documents = [
      namespace('istio-system'),
      namespace('shop', { 'istio.io/dataplane-mode': 'ambient' }),
      ...neighbours,
      ...ztunnels,
      ...['node-1', 'node-2', 'node-3'].map((node, i) => scheduled(pod(`stock-${i}`, 'shop', { app: 'stock' }, { annotations: REDIRECTED }), node, [app])),
      object('Service', 'stock', 'shop', { spec: { selector: { app: 'stock' } } }, { labels: { 'istio.io/use-waypoint': 'stock-waypoint' } }),
      object('KubernetesGateway', 'stock-waypoint', 'shop', { spec: { gatewayClassName: 'istio-waypoint' } }),
      scheduled(pod('stock-waypoint-1', 'shop', { 'gateway.networking.k8s.io/gateway-name': 'stock-waypoint' }), 'node-1', [
        { name: 'istio-proxy', image: 'istio/proxyv2:1.30.0', resources: { requests: { cpu: '150m', memory: '256Mi' } } },
      ]),
    ];
    const cost = costOf(documents);
    expect(cost.chosen).toBe('ambient');
    // node-1 also runs the waypoint pod: 1 of 11 pods there; 1 of 10 on the others.
    const share = 1 / 11 + 1 / 10 + 1 / 10;
    expect(cost.ambient.parts.map(p => [p.name, p.count])).toEqual([
      ['ztunnel', share],
      ['waypoint', 1],
    ]);
    expect(cost.ambient.total.requests.cpu).toBeCloseTo(400 * share + 150);
    expect(cost.ambient.total.requests.memory).toBeCloseTo(1024 * MI * share + 256 * MI);
    // Without a proxy, the pods are priced as injection would make them: Istio's defaults, 100m and 128Mi each.
    expect(cost.sidecar.total.requests).toEqual({ cpu: 300, memory: 384 * MI });
    expect(cost.ambientSaves.cpu).toBeCloseTo(300 - 400 * share - 150);
  });

  it('prices a sidecar service with HTTP rules: its proxies as declared against ztunnel shares plus the waypoint it would need, and says why', () => {
    const proxy = { name: 'istio-proxy', image: 'istio/proxyv2:1.30.0', resources: { requests: { cpu: '200m', memory: '256Mi' } } };
    const documents = [
      namespace('istio-system'),
      namespace('shop', { 'istio-injection': 'enabled' }),
      ...neighbours,
      ...['node-1', 'node-2'].map((node, i) => scheduled(pod(`stock-${i}`, 'shop', { app: 'stock' }), node, [app, proxy])),
      object('AuthorizationPolicy', 'stock-callers', 'shop', {
        spec: { selector: { matchLabels: { app: 'stock' } }, rules: [{ to: [{ operation: { paths: ['/api/*'] } }] }] },
      }),
    ];
    const cost = costOf(documents);
    expect(cost.chosen).toBe('sidecar');
    expect(cost.sidecar.total.requests).toEqual({ cpu: 400, memory: 512 * MI });
    expect(cost.ambient.parts.map(p => p.name)).toEqual(['ztunnel', 'waypoint']);
    // No ztunnel runs yet: Istio's chart defaults (200m, 512Mi), 1 of 10 pods on each of two nodes.
    expect(cost.ambient.parts[0].basis).toContain("Istio's chart defaults");
    expect(cost.ambient.total.requests.cpu).toBeCloseTo(200 * 0.2 + 100);
    expect(cost.waypointFor).toEqual(['AuthorizationPolicy shop/stock-callers matches HTTP attributes']);
  });
});
