import type { GatewaySpec, IstioObject } from '@meshport/istio-config';
import { EgressEntry, isHttpProtocol, MeshPolicy } from '../model';
import { KubeObject, prune } from './kubeObject';
import { serviceMetadata } from './names';

/** The egress gateway's ports in Istio's chart: plain HTTP on 80, TLS on 443. */
const GATEWAY_HTTP_PORT = 80;
const GATEWAY_TLS_PORT = 443;

/**
 * The ServiceEntry for one external service, visible in the workload's namespace only (and to the egress
 * gateway's namespace when the calls go through it), so that one team's entry does not steer another's calls.
 */
function serviceEntry(policy: MeshPolicy, entry: EgressEntry): IstioObject<'ServiceEntry'> {
  const origination = entry.tlsOrigination;
  return prune({
    apiVersion: 'networking.istio.io/v1',
    kind: 'ServiceEntry',
    metadata: serviceMetadata(policy, `egress-${entry.name}`),
    spec: {
      hosts: entry.hosts,
      addresses: entry.addresses,
      ports: entry.ports.map(port => ({
        number: port.number,
        name: port.name,
        protocol: port.protocol,
        // TLS origination: the plain HTTP port goes on to 443 unless the entry says where.
        targetPort: port.targetPort ?? (origination?.port === port.number ? 443 : undefined),
      })),
      resolution: entry.resolution,
      location: entry.location,
      endpoints: entry.endpoints,
      exportTo: entry.egressGateway && entry.egressGateway.namespace !== policy.service.namespace ? ['.', entry.egressGateway.namespace] : ['.'],
    },
  });
}

/** TLS origination: one DestinationRule per host, opening TLS on the HTTP port the application calls. */
function tlsOriginationRules(policy: MeshPolicy, entry: EgressEntry): Array<IstioObject<'DestinationRule'>> {
  const origination = entry.tlsOrigination;
  if (!origination) return [];
  return entry.hosts.map((host, index) =>
    prune({
      apiVersion: 'networking.istio.io/v1',
      kind: 'DestinationRule',
      metadata: serviceMetadata(policy, `egress-${entry.name}${entry.hosts.length > 1 ? `-${index}` : ''}`),
      spec: {
        host,
        exportTo: ['.'],
        trafficPolicy: {
          portLevelSettings: [
            { port: { number: origination.port }, tls: { mode: 'SIMPLE', sni: origination.sni ?? host, caCertificates: origination.caCertificates } },
          ],
        },
      },
    }),
  );
}

/**
 * Through the egress gateway, as Istio's egress-gateway task sets it up: a Gateway on the gateway's pods
 * for the hosts (HTTP on 80, TLS passed through on 443), and per host a VirtualService sending the
 * workload's calls (gateway "mesh") to the gateway, and the gateway's on to that host: one VirtualService
 * routes every match to its own destination, so a route shared by several hosts would send them all to one.
 * The VirtualService is exported to the gateway's namespace too: a gateway proxy reads only the
 * VirtualServices visible in its own namespace (pilot/pkg/model/push_context.go, VirtualServicesForGateway).
 */
function egressGatewayRoute(policy: MeshPolicy, entry: EgressEntry): Array<IstioObject<'Gateway'> | IstioObject<'VirtualService'>> {
  const gateway = entry.egressGateway;
  if (!gateway) return [];
  const metadata = serviceMetadata(policy, `egress-${entry.name}`);
  const gatewayRef = `${policy.service.namespace}/${metadata.name}`;
  const gatewayHost = `${gateway.service}.${gateway.namespace}.svc.cluster.local`;
  const httpPorts = entry.ports.filter(port => isHttpProtocol(port.protocol));
  const tlsPorts = entry.ports.filter(port => !isHttpProtocol(port.protocol));
  const servers: GatewaySpec['servers'] = [
    ...(httpPorts.length > 0 ? [{ port: { number: GATEWAY_HTTP_PORT, name: 'http', protocol: 'HTTP' }, hosts: entry.hosts }] : []),
    ...(tlsPorts.length > 0
      ? [{ port: { number: GATEWAY_TLS_PORT, name: 'tls', protocol: 'TLS' }, hosts: entry.hosts, tls: { mode: 'PASSTHROUGH' as const } }]
      : []),
  ];
  const exportTo = gateway.namespace === policy.service.namespace ? ['.'] : ['.', gateway.namespace];
  const routeFor = (host: string, index: number): IstioObject<'VirtualService'> => {
    const http = httpPorts.flatMap(port => [
      { match: [{ gateways: ['mesh'], port: port.number }], route: [{ destination: { host: gatewayHost, port: { number: GATEWAY_HTTP_PORT } } }] },
      { match: [{ gateways: [gatewayRef], port: GATEWAY_HTTP_PORT }], route: [{ destination: { host, port: { number: port.number } } }] },
    ]);
    // TLS passthrough: one SNI per filter chain at the gateway (pilot/pkg/networking/core/gateway.go).
    const tls = tlsPorts.flatMap(port => [
      {
        match: [{ gateways: ['mesh'], port: port.number, sniHosts: [host] }],
        route: [{ destination: { host: gatewayHost, port: { number: GATEWAY_TLS_PORT } } }],
      },
      { match: [{ gateways: [gatewayRef], port: GATEWAY_TLS_PORT, sniHosts: [host] }], route: [{ destination: { host, port: { number: port.number } } }] },
    ]);
    const name = entry.hosts.length > 1 ? `${metadata.name}-${index}` : metadata.name;
    return prune({
      apiVersion: 'networking.istio.io/v1',
      kind: 'VirtualService',
      metadata: { ...metadata, name },
      spec: { hosts: [host], gateways: [gatewayRef, 'mesh'], exportTo, http, tls },
    });
  };
  return [{ apiVersion: 'networking.istio.io/v1', kind: 'Gateway', metadata, spec: { selector: gateway.selector, servers } }, ...entry.hosts.map(routeFor)];
}

/** Every object the policy's egress entries render to. */
export function renderEgress(policy: MeshPolicy): KubeObject[] {
  return (policy.egress ?? []).flatMap(entry => [serviceEntry(policy, entry), ...tlsOriginationRules(policy, entry), ...egressGatewayRoute(policy, entry)]);
}
