import { targetFromSelector } from '@meshport/plugin-mesh-common';
import { namespace, object, pod } from '@meshport/istio-config/testUtils';
import { storeFromDocuments } from '../cluster/clusterObjectStore';
import { clusterStatusFromSlice } from './clusterStatus';

const REDIRECTED = { 'ambient.istio.io/redirection': 'enabled' };

function onNode(p: any, node: string, ready = true) {
  return { ...p, spec: { ...p.spec, nodeName: node }, status: { phase: 'Running', conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] } };
}
const ztunnel = (name: string, node: string, ready = true) => onNode(pod(name, 'istio-system', { app: 'ztunnel' }), node, ready);
const service = (name: string, ns: string, labels: Record<string, string> = {}) =>
  object('Service', name, ns, { spec: { selector: { app: name }, ports: [{ port: 80 }] } }, { labels });
const waypointGateway = (name: string, ns: string, forWhat?: string) =>
  object(
    'KubernetesGateway',
    name,
    ns,
    { spec: { gatewayClassName: 'istio-waypoint', listeners: [{ name: 'mesh', port: 15008, protocol: 'HBONE' }] } },
    { labels: forWhat ? { 'istio.io/waypoint-for': forWhat } : {} },
  );
const waypointPod = (gateway: string, ns: string, ready = true) =>
  onNode(pod(`${gateway}-abc`, ns, { 'gateway.networking.k8s.io/gateway-name': gateway }, { proxy: true }), 'node-1', ready);
const policy = (kind: string, name: string, ns: string, spec: Record<string, unknown>) => object(kind, name, ns, { spec });

function statusOf(documents: unknown[], selector: string, ns: string) {
  return clusterStatusFromSlice('prod', storeFromDocuments(documents).sliceFor(targetFromSelector(selector, ns)), 'istio-system');
}

describe('pods in ambient mode', () => {
  const documents = [
    namespace('istio-system'),
    namespace('shop', { 'istio.io/dataplane-mode': 'ambient' }),
    ztunnel('ztunnel-a', 'node-1'),
    ztunnel('ztunnel-b', 'node-2', false),
    onNode(pod('stock-1', 'shop', { app: 'stock' }, { annotations: REDIRECTED }), 'node-1'),
    onNode(pod('stock-2', 'shop', { app: 'stock' }, { annotations: REDIRECTED }), 'node-2'),
    // Enrolled by its namespace, not yet redirected by the CNI agent, on a node without ztunnel.
    onNode(pod('stock-3', 'shop', { app: 'stock' }), 'node-3'),
    service('stock', 'shop', { 'istio.io/use-waypoint': 'stock-waypoint' }),
    waypointGateway('stock-waypoint', 'shop'),
    waypointPod('stock-waypoint', 'shop'),
    policy('AuthorizationPolicy', 'stock-waypoint-only', 'shop', {
      selector: { matchLabels: { app: 'stock' } },
      action: 'DENY',
      rules: [{ from: [{ source: { notPrincipals: ['x'] } }] }],
    }),
    policy('AuthorizationPolicy', 'stock-callers', 'shop', {
      targetRefs: [{ kind: 'Service', group: '', name: 'stock' }],
      rules: [{ to: [{ operation: { methods: ['GET'] } }] }],
    }),
    policy('AuthorizationPolicy', 'at-the-waypoint', 'shop', {
      targetRefs: [{ kind: 'Gateway', group: 'gateway.networking.k8s.io', name: 'stock-waypoint' }],
      rules: [{}],
    }),
    policy('AuthorizationPolicy', 'someone-else', 'shop', { targetRefs: [{ kind: 'Service', group: '', name: 'billing' }], rules: [{}] }),
    policy('RequestAuthentication', 'stock-jwt', 'shop', { selector: { matchLabels: { app: 'stock' } }, jwtRules: [{ issuer: 'https://issuer.example' }] }),
  ];
  const status = statusOf(documents, 'app=stock', 'shop');
  const byName = Object.fromEntries(status.workloads.pods.map(p => [p.name, p]));

  it("shows each pod redirected or not, and its node's ztunnel", () => {
    expect(byName['stock-1']).toMatchObject({
      dataPlane: 'ambient',
      injected: false,
      ambient: { redirected: true, node: 'node-1', ztunnel: { name: 'ztunnel-a', ready: true } },
    });
    expect(byName['stock-2'].ambient).toMatchObject({ redirected: true, ztunnel: { name: 'ztunnel-b', ready: false } });
    expect(byName['stock-3'].ambient).toMatchObject({ redirected: false, node: 'node-3' });
    expect(byName['stock-3'].ambient?.ztunnel).toBeUndefined();
    expect(status.workloads.ambientNotReady).toBe(2);
    expect(status.workloads.dataPlane).toBe('ambient');
  });

  it("names the waypoint each pod's traffic goes through, and the waypoint's readiness", () => {
    expect(status.workloads.pods.map(p => p.ambient?.waypoint)).toEqual(['shop/stock-waypoint', 'shop/stock-waypoint', 'shop/stock-waypoint']);
    expect(status.workloads.waypoints).toEqual([
      { name: 'stock-waypoint', namespace: 'shop', for: 'service', boundBy: 'service', exists: true, pods: 1, readyPods: 1 },
    ]);
  });

  it('says where each policy is enforced, and leaves out policies attached to other services', () => {
    const where = Object.fromEntries(status.security.authorizationPolicies.map(p => [p.name, `${p.scope}: ${p.enforcedBy.join('+') || 'nowhere'}`]));
    expect(where).toEqual({ 'stock-waypoint-only': 'workload: ztunnel', 'stock-callers': 'service: waypoint', 'at-the-waypoint': 'waypoint: waypoint' });
    // ztunnel validates no tokens.
    expect(status.security.requestAuthentications.map(r => `${r.name}: ${r.enforcedBy.join('+') || 'nowhere'}`)).toEqual(['stock-jwt: nowhere']);
  });

  it('reports the namespace as ambient', () => {
    expect(status.workloads.namespaces).toEqual([{ name: 'shop', injection: 'off', ambient: true }]);
  });
});

describe('waypoint bindings', () => {
  const base = [namespace('istio-system'), ztunnel('ztunnel-a', 'node-1')];
  const stock = (labels: Record<string, string> = {}) => onNode(pod('stock-1', 'shop', { app: 'stock', ...labels }, { annotations: REDIRECTED }), 'node-1');

  it('takes the namespace\'s waypoint unless the Service opts out with "none"', () => {
    const ns = namespace('shop', { 'istio.io/dataplane-mode': 'ambient', 'istio.io/use-waypoint': 'shared' });
    const inherited = statusOf([...base, ns, stock(), service('stock', 'shop'), waypointGateway('shared', 'shop')], 'app=stock', 'shop');
    expect(inherited.workloads.waypoints).toMatchObject([{ name: 'shared', boundBy: 'namespace', exists: true, pods: 0, readyPods: 0 }]);
    const optedOut = statusOf(
      [...base, ns, stock(), service('stock', 'shop', { 'istio.io/use-waypoint': 'none' }), waypointGateway('shared', 'shop')],
      'app=stock',
      'shop',
    );
    expect(optedOut.workloads.waypoints).toEqual([]);
    expect(optedOut.workloads.pods[0].ambient?.waypoint).toBeUndefined();
  });

  it("uses a pod's own waypoint only when that waypoint is for workloads", () => {
    const ns = namespace('shop', { 'istio.io/dataplane-mode': 'ambient' });
    const forWorkloads = statusOf([...base, ns, stock({ 'istio.io/use-waypoint': 'pods' }), waypointGateway('pods', 'shop', 'workload')], 'app=stock', 'shop');
    expect(forWorkloads.workloads.waypoints).toMatchObject([{ name: 'pods', boundBy: 'pod', for: 'workload' }]);
    const forServices = statusOf([...base, ns, stock({ 'istio.io/use-waypoint': 'pods' }), waypointGateway('pods', 'shop')], 'app=stock', 'shop');
    expect(forServices.workloads.waypoints).toEqual([]);
  });

  it('says so when the waypoint a label names does not exist, and that nothing enforces policies attached to the Service then', () => {
    const ns = namespace('shop', { 'istio.io/dataplane-mode': 'ambient' });
    const status = statusOf(
      [
        ...base,
        ns,
        stock(),
        service('stock', 'shop', { 'istio.io/use-waypoint': 'gone', 'istio.io/use-waypoint-namespace': 'edge' }),
        policy('AuthorizationPolicy', 'callers', 'shop', { targetRefs: [{ kind: 'Service', group: '', name: 'stock' }] }),
      ],
      'app=stock',
      'shop',
    );
    expect(status.workloads.waypoints).toEqual([{ name: 'gone', namespace: 'edge', for: 'service', boundBy: 'service', exists: false, pods: 0, readyPods: 0 }]);
    expect(status.security.authorizationPolicies).toMatchObject([{ name: 'callers', scope: 'service', enforcedBy: ['waypoint'] }]);
    const noWaypoint = statusOf(
      [
        ...base,
        ns,
        stock(),
        service('stock', 'shop'),
        policy('AuthorizationPolicy', 'callers', 'shop', { targetRefs: [{ kind: 'Service', group: '', name: 'stock' }] }),
      ],
      'app=stock',
      'shop',
    );
    expect(noWaypoint.security.authorizationPolicies).toMatchObject([{ name: 'callers', scope: 'service', enforcedBy: [] }]);
  });
});

describe('a mixed namespace', () => {
  const documents = [
    namespace('istio-system'),
    namespace('shop', { 'istio.io/dataplane-mode': 'ambient' }),
    ztunnel('ztunnel-a', 'node-1'),
    onNode(pod('stock-sidecar', 'shop', { app: 'stock' }, { proxy: true }), 'node-1'),
    onNode(pod('stock-ambient', 'shop', { app: 'stock' }, { annotations: REDIRECTED }), 'node-1'),
    onNode(pod('stock-out', 'shop', { app: 'stock', 'istio.io/dataplane-mode': 'none' }), 'node-1'),
    policy('AuthorizationPolicy', 'namespace-wide', 'shop', { rules: [{ from: [{ source: { namespaces: ['shop'] } }] }] }),
  ];
  const status = statusOf(documents, 'app=stock', 'shop');

  it('shows each pod on its own data plane and the whole as mixed', () => {
    expect(status.workloads.pods.map(p => `${p.name}: ${p.dataPlane}`)).toEqual(['stock-ambient: ambient', 'stock-out: none', 'stock-sidecar: sidecar']);
    expect(status.workloads.dataPlane).toBe('mixed');
    expect(status.workloads.pods.find(p => p.name === 'stock-sidecar')?.ambient).toBeUndefined();
  });

  it('enforces a namespace-wide policy in the sidecars and the ztunnel', () => {
    expect(status.security.authorizationPolicies).toMatchObject([{ name: 'namespace-wide', scope: 'namespace', enforcedBy: ['sidecar', 'ztunnel'] }]);
  });
});

it('keeps a Gateway API Gateway apart from an Istio Gateway of the same name', () => {
  const store = storeFromDocuments([object('Gateway', 'edge', 'shop', { spec: { servers: [] } }), waypointGateway('edge', 'shop')]);
  expect(store.size).toBe(2);
  store.remove('KubernetesGateway', 'shop', 'edge');
  expect(store.size).toBe(1);
});
