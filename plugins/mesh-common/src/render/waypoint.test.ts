import { ambientL4PolicyExample, ambientNamespacePolicyExample, ambientWaypointPolicyExample } from '../examples';
import { parseMeshPolicy, parseNamespacePolicy } from '../model';
import { KubeObject } from './kubeObject';
import { renderNamespacePolicy, renderPolicy } from './renderPolicy';

const byName = (objects: KubeObject[]): Record<string, KubeObject> => Object.fromEntries(objects.map(o => [`${o.kind}/${o.metadata.name}`, o]));

describe('ambient mode', () => {
  it('with L4 rules only: the pods join ambient without a sidecar, ztunnel enforces by selector, no waypoint', () => {
    const rendered = renderPolicy(ambientL4PolicyExample);
    expect(rendered.sidecarPatch?.spec).toEqual({
      template: { metadata: { labels: { app: 'inventory', 'istio.io/dataplane-mode': 'ambient', 'sidecar.istio.io/inject': 'false' } } },
    });
    // Out of a namespace waypoint's way: its L4 rules need the callers' own identities at ztunnel.
    expect(rendered.servicePatch?.metadata).toEqual({ name: 'inventory', namespace: 'shop', labels: { 'istio.io/use-waypoint': 'none' } });
    expect(rendered.objects.map(o => `${o.kind}/${o.metadata.name}`)).toEqual([
      'PeerAuthentication/inventory',
      'AuthorizationPolicy/inventory-allow-callers',
      'AuthorizationPolicy/inventory-deny-by-default',
    ]);
    for (const policy of rendered.objects) expect(policy.spec).toMatchObject({ selector: { matchLabels: { app: 'inventory' } } });
  });

  it('with HTTP rules: a waypoint of its own, the Service sent through it, policies attached to the Service, and ztunnel admitting the waypoint and refusing what goes around it', () => {
    const rendered = renderPolicy(ambientWaypointPolicyExample);
    const objects = byName(rendered.objects);
    expect(objects['Gateway/checkout-waypoint']).toEqual({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: {
        name: 'checkout-waypoint',
        namespace: 'shop',
        labels: { 'app.kubernetes.io/managed-by': 'meshport', 'meshport.io/service': 'checkout', 'istio.io/waypoint-for': 'service' },
      },
      spec: { gatewayClassName: 'istio-waypoint', listeners: [{ name: 'mesh', port: 15008, protocol: 'HBONE' }] },
    });
    expect(rendered.servicePatch?.metadata.labels).toEqual({ 'istio.io/use-waypoint': 'checkout-waypoint', 'istio.io/ingress-use-waypoint': 'true' });
    const serviceRef = { targetRefs: [{ group: '', kind: 'Service', name: 'checkout' }] };
    for (const name of [
      'AuthorizationPolicy/checkout-deny-by-default',
      'AuthorizationPolicy/checkout-allow-callers',
      'AuthorizationPolicy/checkout-require-jwt',
      'RequestAuthentication/checkout-jwt',
      'Telemetry/checkout',
    ]) {
      expect({ name, spec: objects[name].spec }).toMatchObject({ name, spec: serviceRef });
      expect(objects[name].spec).not.toHaveProperty('selector');
    }
    expect(objects['AuthorizationPolicy/checkout-from-waypoint'].spec).toEqual({
      selector: { matchLabels: { app: 'checkout' } },
      action: 'ALLOW',
      rules: [{ from: [{ source: { principals: ['cluster.local/ns/shop/sa/checkout-waypoint'] } }] }],
    });
    expect(objects['AuthorizationPolicy/checkout-waypoint-only'].spec).toEqual({
      selector: { matchLabels: { app: 'checkout' } },
      action: 'DENY',
      rules: [{ from: [{ source: { notPrincipals: ['cluster.local/ns/shop/sa/checkout-waypoint'] } }] }],
    });
    // Both patches travel in the component the app's overlay includes.
    const component = rendered.files.find(f => f.path === 'sidecar/kustomization.yaml')!.objects[0] as unknown as {
      patches: Array<{ path: string; target: Record<string, string> }>;
    };
    expect(component.patches).toEqual([
      { path: 'deployment-patch.yaml', target: { group: 'apps', version: 'v1', kind: 'Deployment', name: 'checkout' } },
      { path: 'service-patch.yaml', target: { group: '', version: 'v1', kind: 'Service', name: 'checkout' } },
    ]);
  });

  it('routes through the waypoint with an HTTPRoute on the Service: testers to the canary, the rest by weight, one Service per side, no VirtualService or subsets', () => {
    const rendered = renderPolicy({
      ...ambientWaypointPolicyExample,
      canary: { stableVersion: 'v1', canaryVersion: 'v2.0_rc', canaryWeight: 20, headerMatch: { name: 'x-canary', value: 'true' } },
      traffic: { timeout: '5s' },
    });
    const objects = byName(rendered.objects);
    expect(objects['HTTPRoute/checkout'].spec).toEqual({
      parentRefs: [{ group: '', kind: 'Service', name: 'checkout', port: 8080 }],
      rules: [
        {
          matches: [{ headers: [{ type: 'Exact', name: 'x-canary', value: 'true' }] }],
          backendRefs: [{ group: '', kind: 'Service', name: 'checkout-canary', port: 8080 }],
          timeouts: { request: '5s' },
        },
        {
          backendRefs: [
            { group: '', kind: 'Service', name: 'checkout-stable', port: 8080, weight: 80 },
            { group: '', kind: 'Service', name: 'checkout-canary', port: 8080, weight: 20 },
          ],
          timeouts: { request: '5s' },
        },
      ],
    });
    expect(objects['Service/checkout-canary'].spec).toEqual({
      selector: { app: 'checkout', version: 'v2.0_rc' },
      ports: [{ name: 'http', port: 8080, targetPort: 8080, protocol: 'TCP' }],
    });
    expect(objects['Service/checkout-stable'].spec).toMatchObject({ selector: { app: 'checkout', version: 'v1' } });
    expect(rendered.objects.filter(o => o.kind === 'VirtualService')).toEqual([]);
    expect(objects['DestinationRule/checkout']).toBeUndefined();
  });

  it('refuses in ambient mode what an HTTPRoute cannot do: fault injection and Envoy retry conditions', () => {
    const fault = { delay: { fixedDelay: '1s', percentage: 10 } };
    const parsed = parseMeshPolicy({
      ...ambientWaypointPolicyExample,
      canary: { stableVersion: 'v1', canaryVersion: 'v2', canaryWeight: 20, headerMatch: { name: 'x-canary', value: 'true' }, fault },
      traffic: { retries: { attempts: 2 } },
    });
    expect(parsed.ok ? [] : parsed.errors.map(e => e.field).sort()).toEqual(['canary.fault', 'traffic.retries']);
  });

  it('uses an existing waypoint by name without rendering it', () => {
    const rendered = renderPolicy({ ...ambientWaypointPolicyExample, dataPlane: { mode: 'ambient', waypoint: 'waypoint', useExistingWaypoint: true } });
    expect(rendered.objects.filter(o => o.kind === 'Gateway')).toEqual([]);
    expect(rendered.servicePatch?.metadata.labels?.['istio.io/use-waypoint']).toBe('waypoint');
    expect(byName(rendered.objects)['AuthorizationPolicy/checkout-waypoint-only'].spec).toMatchObject({
      rules: [{ from: [{ source: { notPrincipals: ['cluster.local/ns/shop/sa/waypoint'] } }] }],
    });
  });

  it.each([
    [{ dataPlane: { mode: 'ambient' }, injection: { proxyResources: { cpuRequest: '100m' } } }, 'injection.proxyResources', /ambient pods have none/],
    [{ dataPlane: { mode: 'ambient' }, injection: { excludeOutboundPorts: [5432] } }, 'injection.excludeOutboundPorts', /ambient pods have none/],
    [{ dataPlane: { mode: 'ambient', useExistingWaypoint: true } }, 'dataPlane.waypoint', /names no waypoint/],
    [{ dataPlane: { waypoint: 'waypoint' } }, 'dataPlane.waypoint', /ambient mode only/],
    [{ dataPlane: { mode: 'sidecars' } }, 'dataPlane.mode', /sidecar.*ambient/],
  ])('refuses %j at %s', (extra, field, message) => {
    const { dataPlane: _ambient, ...sidecarDefault } = ambientL4PolicyExample;
    const parsed = parseMeshPolicy({ ...sidecarDefault, ...extra });
    expect(parsed.ok).toBe(false);
    const errors = parsed.ok ? [] : parsed.errors;
    expect(errors.map(e => e.field)).toEqual([field]);
    expect(errors[0].message).toMatch(message);
  });

  it('enrolls a whole namespace, with a waypoint for all its services, and refuses a sidecar revision there', () => {
    const objects = byName(renderNamespacePolicy(ambientNamespacePolicyExample).objects);
    expect(objects['Namespace/shop'].metadata.labels).toEqual({
      'app.kubernetes.io/managed-by': 'meshport',
      'meshport.io/namespace': 'shop',
      'istio.io/dataplane-mode': 'ambient',
      'istio.io/use-waypoint': 'waypoint',
    });
    expect(objects['Gateway/waypoint']).toMatchObject({
      spec: { gatewayClassName: 'istio-waypoint' },
      metadata: { labels: { 'istio.io/waypoint-for': 'service' } },
    });
    const parsed = parseNamespacePolicy({ ...ambientNamespacePolicyExample, injection: { revision: 'canary' } });
    expect(parsed.ok ? [] : parsed.errors.map(e => e.field)).toEqual(['injection.revision']);
  });

  it('labels the waypoint with the control plane revision, as istioctl waypoint generate --revision does (istioctl/pkg/waypoint/waypoint.go)', () => {
    const gateway = renderPolicy({ ...ambientWaypointPolicyExample, injection: { revision: 'canary-1-30' } }).objects.find(o => o.kind === 'Gateway');
    expect(gateway?.metadata.labels?.['istio.io/rev']).toBe('canary-1-30');
  });

  it('refuses mTLS DISABLE in ambient mode, which Istio reads as PERMISSIVE, and sidecar callers without a waypoint, naming the fields', () => {
    const disable = parseMeshPolicy({ ...ambientL4PolicyExample, mtls: { mode: 'DISABLE' } });
    expect(disable.ok ? [] : disable.errors.map(e => [e.field, e.message])).toEqual([['mtls.mode', expect.stringContaining('reads as PERMISSIVE')]]);
    const sidecarCallers = parseMeshPolicy({
      ...ambientL4PolicyExample,
      dataPlane: { mode: 'ambient', sidecarCallers: ['cluster.local/ns/shop/sa/storefront'] },
    });
    expect(sidecarCallers.ok ? [] : sidecarCallers.errors.map(e => e.field)).toEqual(['dataPlane.sidecarCallers']);
  });

  it("gives each version's Service of an ambient canary the traffic policy: the HTTPRoute sends to those hosts, and a DestinationRule applies to the host a request goes to", () => {
    const withTraffic = { ...ambientWaypointPolicyExample, traffic: { loadBalancer: { type: 'simple' as const, algorithm: 'LEAST_REQUEST' as const } } };
    const rules = renderPolicy(withTraffic).objects.filter(o => o.kind === 'DestinationRule');
    expect(rules.map(rule => [rule.spec?.host, rule.spec?.trafficPolicy])).toEqual([
      ['checkout.shop.svc.cluster.local', { loadBalancer: { simple: 'LEAST_REQUEST' } }],
      ['checkout-canary.shop.svc.cluster.local', { loadBalancer: { simple: 'LEAST_REQUEST' } }],
      ['checkout-stable.shop.svc.cluster.local', { loadBalancer: { simple: 'LEAST_REQUEST' } }],
    ]);
  });
});
