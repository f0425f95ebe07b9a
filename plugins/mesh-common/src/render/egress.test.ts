import { analyze } from '@meshport/istio-config';
import { ambientL4PolicyExample, egressPolicyExample } from '../examples';
import { mergePolicyInput } from '../forms';
import { parseMeshPolicy } from '../model';
import { KubeObject } from './kubeObject';
import { renderPolicy } from './renderPolicy';

const byKey = (objects: KubeObject[]) => Object.fromEntries(objects.map(o => [`${o.kind}/${o.metadata.name}`, o]));

describe('egress', () => {
  const objects = byKey(renderPolicy(egressPolicyExample).objects);

  it("originates TLS as Istio's task does: the HTTP port goes on to 443, a DestinationRule opens TLS with the host as SNI and verifies the server against the system CAs", () => {
    expect(objects['ServiceEntry/order-service-egress-shipping-api'].spec).toEqual({
      hosts: ['api.shipping.example.com'],
      ports: [
        { number: 80, name: 'http', protocol: 'HTTP', targetPort: 443 },
        { number: 443, name: 'https', protocol: 'HTTPS' },
      ],
      resolution: 'DNS',
      location: 'MESH_EXTERNAL',
      exportTo: ['.'],
    });
    expect(objects['DestinationRule/order-service-egress-shipping-api'].spec).toEqual({
      host: 'api.shipping.example.com',
      exportTo: ['.'],
      trafficPolicy: {
        portLevelSettings: [
          { port: { number: 80 }, tls: { mode: 'SIMPLE', sni: 'api.shipping.example.com', caCertificates: '/etc/ssl/certs/ca-certificates.crt' } },
        ],
      },
    });
  });

  it('routes through the egress gateway: the mesh to the gateway, the gateway on to the host, TLS passed through by SNI', () => {
    expect(objects['ServiceEntry/order-service-egress-tax-api'].spec?.exportTo).toEqual(['.', 'istio-system']);
    expect(objects['Gateway/order-service-egress-tax-api'].spec).toEqual({
      selector: { istio: 'egressgateway' },
      servers: [{ port: { number: 443, name: 'tls', protocol: 'TLS' }, hosts: ['tax.example.org'], tls: { mode: 'PASSTHROUGH' } }],
    });
    expect(objects['VirtualService/order-service-egress-tax-api'].spec).toEqual({
      hosts: ['tax.example.org'],
      gateways: ['orders/order-service-egress-tax-api', 'mesh'],
      exportTo: ['.', 'istio-system'],
      tls: [
        {
          match: [{ gateways: ['mesh'], port: 443, sniHosts: ['tax.example.org'] }],
          route: [{ destination: { host: 'istio-egressgateway.istio-system.svc.cluster.local', port: { number: 443 } } }],
        },
        {
          match: [{ gateways: ['orders/order-service-egress-tax-api'], port: 443, sniHosts: ['tax.example.org'] }],
          route: [{ destination: { host: 'tax.example.org', port: { number: 443 } } }],
        },
      ],
    });
  });

  it('routes each host of a multi-host entry to itself through the egress gateway, one VirtualService per host exported to the gateway (push_context.go: VirtualServicesForGateway)', () => {
    const twoHosts = {
      ...egressPolicyExample,
      egress: [
        { name: 'maps', hosts: ['maps.example.com', 'tiles.example.com'], ports: [{ number: 443, name: 'tls', protocol: 'TLS' as const }], egressGateway: {} },
      ],
    };
    const routes = renderPolicy(twoHosts).objects.filter(o => o.kind === 'VirtualService') as Array<{ metadata: { name: string }; spec?: any }>;
    expect(routes.map(vs => [vs.metadata.name, vs.spec?.hosts, vs.spec?.exportTo, vs.spec?.tls?.[1]?.route?.[0]?.destination?.host])).toEqual([
      ['order-service-egress-maps-0', ['maps.example.com'], ['.', 'istio-system'], 'maps.example.com'],
      ['order-service-egress-maps-1', ['tiles.example.com'], ['.', 'istio-system'], 'tiles.example.com'],
    ]);
    expect(routes.map(vs => vs.spec?.tls?.[1]?.match?.[0]?.sniHosts)).toEqual([['maps.example.com'], ['tiles.example.com']]);
  });

  it('refuses a cross-cluster host the east-west gateway does not pass: only *.local (samples/multicluster/expose-services.yaml)', () => {
    const ledger = egressPolicyExample.egress![2];
    const parsed = parseMeshPolicy({ ...egressPolicyExample, egress: [{ ...ledger, hosts: ['ledger.finance.global'] }] });
    expect(parsed.ok ? [] : parsed.errors.map(e => e.field)).toEqual(['egress[0].hosts[0]']);
  });

  it('reaches a service in another cluster through its endpoints (the cross-cluster mode)', () => {
    expect(objects['ServiceEntry/order-service-egress-ledger-west'].spec).toMatchObject({
      location: 'MESH_INTERNAL',
      resolution: 'STATIC',
      addresses: ['240.0.0.2'],
      endpoints: [{ address: '10.1.2.3', ports: { http: 15443 }, network: 'west', locality: 'us-west1/us-west1-a' }],
    });
  });

  it("gives istioctl analyze nothing to report about the egress objects: the server's certificate is verified (no IST0129)", () => {
    const findings = analyze(renderPolicy(egressPolicyExample).objects, { mode: 'files' });
    expect(findings.filter(f => f.resource.includes('-egress-'))).toEqual([]);
  });

  const entry = egressPolicyExample.egress![0];
  it.each([
    [
      'a block with DNS resolution',
      { ...entry, tlsOrigination: undefined, addresses: ['10.0.0.0/16'] },
      'egress[0].addresses[0]',
      'CIDR addresses are allowed only for NONE or STATIC',
    ],
    ['STATIC without endpoints', { ...entry, tlsOrigination: undefined, resolution: 'STATIC' }, 'egress[0].endpoints', 'needs at least one endpoint'],
    [
      'NONE with endpoints',
      { ...entry, tlsOrigination: undefined, resolution: 'NONE', endpoints: [{ address: '10.0.0.1' }] },
      'egress[0].endpoints',
      'cannot be set with NONE',
    ],
    ['a wildcard resolved by DNS', { ...entry, tlsOrigination: undefined, hosts: ['*.example.com'] }, 'egress[0].hosts[0]', 'is a wildcard'],
    [
      'TLS origination on the HTTPS port',
      { ...entry, tlsOrigination: { port: 443 } },
      'egress[0].tlsOrigination.port',
      'is not an HTTP port of the entry (80)',
    ],
    [
      'TCP through the egress gateway',
      { ...entry, tlsOrigination: undefined, ports: [{ number: 5432, name: 'pg', protocol: 'TCP' }], egressGateway: {} },
      'egress[0].ports[0].protocol',
      'cannot go through the egress gateway',
    ],
  ])('refuses %s, naming the field', (_case, bad, field, message) => {
    expect(parseMeshPolicy({ ...egressPolicyExample, egress: [bad as any] })).toEqual({
      ok: false,
      errors: [expect.objectContaining({ field, message: expect.stringContaining(message) })],
    });
  });

  it('refuses two entries of one name, and TLS origination in ambient mode', () => {
    expect(parseMeshPolicy({ ...egressPolicyExample, egress: [entry, entry] })).toEqual({
      ok: false,
      errors: [expect.objectContaining({ field: 'egress[1].name', message: 'is used by another egress entry' })],
    });
    expect(parseMeshPolicy({ ...ambientL4PolicyExample, egress: [entry] })).toEqual({
      ok: false,
      errors: [expect.objectContaining({ field: 'egress[0].tlsOrigination', message: expect.stringContaining('needs a sidecar') })],
    });
  });

  it("merges a form's egress entry by name into the stored ones", () => {
    const stored = { ...egressPolicyExample };
    const changed = { ...egressPolicyExample.egress![1], hosts: ['tax.example.com'] };
    const added = { name: 'maps', hosts: ['maps.example.com'], ports: [{ number: 443, name: 'https', protocol: 'HTTPS' }] };
    const merged = mergePolicyInput(stored, { egress: [changed, added] }) as typeof stored;
    expect(merged.egress!.map(e => `${e.name}:${e.hosts.join(',')}`)).toEqual([
      'shipping-api:api.shipping.example.com',
      'tax-api:tax.example.com',
      'ledger-west:ledger.finance.svc.cluster.local',
      'maps:maps.example.com',
    ]);
  });
});
