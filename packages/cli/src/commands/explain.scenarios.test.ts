import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  ambientL4PolicyExample,
  ambientNamespacePolicyExample,
  ambientWaypointPolicyExample,
  egressPolicyExample,
  MeshPolicyInput,
  renderNamespacePolicy,
  renderPolicy,
} from '@meshport/plugin-mesh-common';
import { toYaml } from '@meshport/istio-config';
import { runExplain } from './explain';

// Istio's behaviour as scenarios, each run through `meshport explain` over files, each naming the Istio
// source it follows. Rows marked "issue 23" are what Meshport rendered wrongly before: the "old" row shows
// what Istio did with the old manifests, the "now" row that the rendering behaves as Meshport says.

/** What `meshport render` writes for a service (its patches included): the files a GitOps folder holds. */
function renderedService(policy: MeshPolicyInput): unknown[] {
  const { objects, sidecarPatch, servicePatch } = renderPolicy(policy);
  return [...objects, ...(sidecarPatch ? [sidecarPatch] : []), ...(servicePatch ? [servicePatch] : [])];
}

const WAYPOINT_ONLY_OLD = {
  apiVersion: 'security.istio.io/v1',
  kind: 'AuthorizationPolicy',
  metadata: { name: 'checkout-waypoint-only', namespace: 'shop' },
  spec: {
    selector: { matchLabels: { app: 'checkout' } },
    action: 'DENY',
    rules: [{ from: [{ source: { notPrincipals: ['cluster.local/ns/shop/sa/checkout-waypoint'] } }] }],
  },
};
const withMetricsPort: MeshPolicyInput = {
  ...ambientWaypointPolicyExample,
  service: {
    ...ambientWaypointPolicyExample.service,
    ports: [...ambientWaypointPolicyExample.service.ports, { number: 9090, name: 'http-metrics', protocol: 'HTTP' }],
  },
  mtls: { mode: 'STRICT', portOverrides: [{ port: 9090, mode: 'PERMISSIVE' }] },
};
const egress = renderedService(egressPolicyExample);
const twoHosts = renderedService({
  ...egressPolicyExample,
  egress: [{ name: 'maps', hosts: ['maps.example.com', 'tiles.example.com'], ports: [{ number: 443, name: 'tls', protocol: 'TLS' }], egressGateway: {} }],
});
/** The egress route as Meshport wrote it before: exported to its own namespace only, one route for every host. */
const oldEgressRoute = (objects: unknown[]) =>
  objects.map((object: any) => (object.kind === 'VirtualService' ? { ...object, spec: { ...object.spec, exportTo: ['.'] } } : object));
const oldTwoHosts = twoHosts
  .filter((object: any) => !(object.kind === 'VirtualService' && object.metadata.name.endsWith('-1')))
  .map((object: any) =>
    object.kind === 'VirtualService'
      ? {
          ...object,
          spec: {
            ...object.spec,
            hosts: ['maps.example.com', 'tiles.example.com'],
            tls: object.spec.tls.map((rule: any) => ({
              ...rule,
              match: rule.match.map((m: any) => ({ ...m, sniHosts: ['maps.example.com', 'tiles.example.com'] })),
            })),
          },
        }
      : object,
  );
const checkoutOrder = ['--method', 'POST', '--path', '/api/orders', '--jwt-issuer', 'https://auth.example.com', '--jwt-subject', 'customer-1'];

const scenarios: Array<{
  title: string;
  source: string;
  objects: unknown[];
  from: string;
  to: string;
  args?: string[];
  verdict: 'allow' | 'deny';
  decidedAt: string;
}> = [
  {
    title: 'issue 23 #1, old: the egress gateway never gets a route exported only to its namespace',
    source: 'pilot/pkg/model/push_context.go (VirtualServicesForGateway)',
    objects: oldEgressRoute(egress),
    from: 'orders/order-service:sidecar',
    to: 'tax.example.org:443',
    verdict: 'deny',
    decidedAt: 'gateway istio-system/istio-egressgateway',
  },
  {
    title: 'issue 23 #1, now: the route is exported to the gateway, which passes the call on',
    source: 'pilot/pkg/model/push_context.go (VirtualServicesForGateway)',
    objects: egress,
    from: 'orders/order-service:sidecar',
    to: 'tax.example.org:443',
    verdict: 'allow',
    decidedAt: 'gateway istio-system/istio-egressgateway',
  },
  {
    title: 'issue 23 #2, old: a route shared by two hosts sends both to the first',
    source: 'pilot/pkg/networking/core/gateway.go (one SNI filter chain per host)',
    objects: oldEgressRoute(oldTwoHosts),
    from: 'orders/order-service:sidecar',
    to: 'tiles.example.com:443',
    verdict: 'deny',
    decidedAt: 'gateway istio-system/istio-egressgateway',
  },
  {
    title: 'issue 23 #2, now: each host has its own route through the gateway',
    source: 'pilot/pkg/networking/core/gateway.go',
    objects: twoHosts,
    from: 'orders/order-service:sidecar',
    to: 'tiles.example.com:443',
    verdict: 'allow',
    decidedAt: 'gateway istio-system/istio-egressgateway',
  },
  {
    title: 'issue 23 #3, old and still by default: a caller on a sidecar skips the waypoint, and bypass prevention refuses it',
    source: 'pilot/pkg/xds/endpoints/endpoint_builder.go; istio.io ambient migration guide',
    objects: renderedService(ambientWaypointPolicyExample),
    from: 'shop/storefront:sidecar',
    to: 'checkout.shop.svc.cluster.local:8080',
    args: checkoutOrder,
    verdict: 'deny',
    decidedAt: 'ztunnel shop/checkout',
  },
  {
    title: 'issue 23 #3, now: a caller named in dataPlane.sidecarCallers gets in at ztunnel',
    source: 'istio.io ambient migration guide, "Bypass prevention during incremental migration"',
    objects: renderedService({ ...ambientWaypointPolicyExample, dataPlane: { mode: 'ambient', sidecarCallers: ['cluster.local/ns/shop/sa/storefront'] } }),
    from: 'shop/storefront:sidecar',
    to: 'checkout.shop.svc.cluster.local:8080',
    args: checkoutOrder,
    verdict: 'allow',
    decidedAt: 'ztunnel shop/checkout',
  },
  {
    title: 'the allowed ambient caller goes through the waypoint; the pods see the waypoint',
    source: 'pilot/pkg/serviceregistry/ambient/waypoints.go',
    objects: renderedService(ambientWaypointPolicyExample),
    from: 'shop/storefront:ambient',
    to: 'checkout.shop.svc.cluster.local:8080',
    args: checkoutOrder,
    verdict: 'allow',
    decidedAt: 'ztunnel shop/checkout',
  },
  {
    title: 'issue 23 #4, old: a namespace waypoint hides the callers an L4-only service names',
    source: 'pilot/pkg/serviceregistry/ambient/waypoints.go (a namespace label binds every Service)',
    objects: [
      ...renderNamespacePolicy(ambientNamespacePolicyExample).objects,
      ...renderedService(ambientL4PolicyExample).filter((o: any) => o.kind !== 'Service'),
    ],
    from: 'shop/storefront:ambient',
    to: 'inventory.shop.svc.cluster.local:8080',
    verdict: 'deny',
    decidedAt: 'ztunnel shop/inventory',
  },
  {
    title: 'issue 23 #4, now: the L4-only Service opts out of the namespace waypoint',
    source: 'pilot/pkg/serviceregistry/ambient/waypoints.go (istio.io/use-waypoint: none)',
    objects: [...renderNamespacePolicy(ambientNamespacePolicyExample).objects, ...renderedService(ambientL4PolicyExample)],
    from: 'shop/storefront:ambient',
    to: 'inventory.shop.svc.cluster.local:8080',
    verdict: 'allow',
    decidedAt: 'ztunnel shop/inventory',
  },
  {
    title: 'issue 23 #5, old: plaintext on a PERMISSIVE port has no identity, which notPrincipals refuses',
    source: 'ztunnel src/proxy/inbound_passthrough.rs, src/rbac.rs',
    objects: [...renderedService(withMetricsPort).filter((o: any) => o.metadata?.name !== 'checkout-waypoint-only'), WAYPOINT_ONLY_OLD],
    from: 'monitoring/prometheus:none',
    to: 'checkout.shop.svc.cluster.local:9090',
    args: ['--method', 'GET', '--path', '/metrics'],
    verdict: 'deny',
    decidedAt: 'ztunnel shop/checkout',
  },
  {
    title: 'issue 23 #5, now: the PERMISSIVE port is spared by the DENY and admitted by the ztunnel ALLOW',
    source: 'ztunnel src/rbac.rs',
    objects: renderedService(withMetricsPort),
    from: 'monitoring/prometheus:none',
    to: 'checkout.shop.svc.cluster.local:9090',
    args: ['--method', 'GET', '--path', '/metrics'],
    verdict: 'allow',
    decidedAt: 'ztunnel shop/checkout',
  },
  {
    title: 'issue 23 #8: ambient reads mTLS DISABLE as PERMISSIVE, so plaintext gets in',
    source: 'pilot/pkg/serviceregistry/ambient/authorization.go (convertPeerAuthentication)',
    objects: [
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', labels: { 'istio.io/dataplane-mode': 'ambient' } } },
      { apiVersion: 'security.istio.io/v1', kind: 'PeerAuthentication', metadata: { name: 'default', namespace: 'shop' }, spec: { mtls: { mode: 'DISABLE' } } },
    ],
    from: 'legacy/job:none',
    to: 'inventory.shop.svc.cluster.local:8080',
    verdict: 'allow',
    decidedAt: 'ztunnel shop/inventory',
  },
  {
    title: 'a sidecar service in STRICT refuses a caller without a proxy',
    source: 'pilot/pkg/security/authn/policy_applier.go',
    objects: renderedService(egressPolicyExample),
    from: 'legacy/job:none',
    to: 'order-service.orders.svc.cluster.local:8080',
    verdict: 'deny',
    decidedAt: 'sidecar orders/order-service',
  },
];

describe('Istio scenarios through meshport explain', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'meshport-scenarios-'));
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it.each(scenarios.map((scenario, index) => [scenario.title, scenario.source, index] as const))('%s (%s)', (_title, _source, index) => {
    const scenario = scenarios[index];
    const folder = path.join(root, String(index));
    fs.mkdirSync(folder);
    fs.writeFileSync(path.join(folder, 'objects.yaml'), toYaml(scenario.objects as any[]));
    const options: Record<string, string> = {};
    for (let i = 0; i < (scenario.args ?? []).length; i += 2)
      options[scenario.args![i].slice(2).replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())] = scenario.args![i + 1];
    const result = runExplain({ from: scenario.from, to: scenario.to, json: true, paths: [folder], ...options });
    const explanation = JSON.parse(result.stdout.join('\n'));
    const deciding = explanation.hops.find((hop: any) => hop.verdict === 'deny') ?? [...explanation.hops].reverse().find((hop: any) => hop.verdict);
    expect({ verdict: explanation.verdict, decidedAt: `${deciding?.proxy} ${deciding?.at}`, exitCode: result.exitCode }).toEqual({
      verdict: scenario.verdict,
      decidedAt: scenario.decidedAt,
      exitCode: scenario.verdict === 'allow' ? 0 : 1,
    });
  });
});
