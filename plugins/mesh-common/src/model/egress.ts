import { z } from 'zod';
import { dnsLabel, hostName, ipAddressOrBlock, isHttpProtocol, kubernetesLabelValue, portNumber, uniqueList } from './primitives';

/** How Istio finds the addresses of an external service (ServiceEntry resolution). */
export const EGRESS_RESOLUTIONS = ['DNS', 'DNS_ROUND_ROBIN', 'STATIC', 'NONE'] as const;

const egressPort = z
  .strictObject({
    number: portNumber.describe('Port the application calls'),
    name: dnsLabel.describe('Port name'),
    protocol: z.enum(['HTTP', 'HTTPS', 'HTTP2', 'GRPC', 'TLS', 'TCP']).describe('Protocol on that port'),
    targetPort: portNumber.optional().describe('Port on the endpoints, when it differs (TLS origination sends port 80 to 443)'),
  })
  .describe('A port of the external service');

const egressEndpoint = z
  .strictObject({
    address: z
      .string()
      .min(1)
      .max(253, { abort: true })
      .regex(/^[a-z0-9.:-]+$/i, 'must be an IP address or a host name')
      .describe('IP address or host name of one endpoint (a cross-cluster gateway, a VM)'),
    ports: z.record(dnsLabel, portNumber).optional().describe('Port per port name, where the endpoint listens elsewhere'),
    network: kubernetesLabelValue.optional().describe('The network the endpoint is on (multi-network meshes)'),
    locality: z
      .string()
      .max(2048, { abort: true })
      .regex(/^[A-Za-z0-9._/-]*$/, 'must be "region/zone/subzone"')
      .optional()
      .describe('Locality, "region/zone/subzone"'),
  })
  .describe('One endpoint of a service Istio does not discover');

const tlsOrigination = z
  .strictObject({
    port: portNumber.describe('The HTTP port whose calls the sidecar sends on as TLS (its targetPort is where they go, 443 by default)'),
    sni: hostName.optional().describe('Server name to present; the host by default'),
    caCertificates: z
      .string()
      .max(1024, { abort: true })
      .regex(/^\/[\x21-\x7e]*$/, "must be an absolute path in the proxy's file system")
      .default('/etc/ssl/certs/ca-certificates.crt')
      .describe(
        "CA bundle the sidecar verifies the server's certificate with; the proxy image's system CAs by default. Left out, Istio 1.30 still verifies against the proxy's system CAs (cluster_tls.go: \"system\"), but istioctl analyze reports IST0129",
      ),
  })
  .describe('TLS origination: the application calls plain HTTP, the sidecar opens TLS to the external service (a DestinationRule)');

const egressGateway = z
  .strictObject({
    namespace: dnsLabel.default('istio-system').describe('Namespace of the egress gateway'),
    service: dnsLabel.default('istio-egressgateway').describe("The egress gateway's Service"),
    selector: z.record(z.string().min(1).max(63), kubernetesLabelValue).default({ istio: 'egressgateway' }).describe("Labels of the egress gateway's pods"),
  })
  .describe("Send the calls through the mesh's egress gateway (a Gateway and a VirtualService), so that they leave from known nodes");

export const egressEntry = z
  .strictObject({
    name: dnsLabel.max(40, 'must be at most 40 characters').describe('Short name of the external service, used in object names'),
    hosts: uniqueList(hostName, 32).min(1, 'needs at least one host').describe('Host names the application calls'),
    ports: z.array(egressPort).min(1, 'needs at least one port').max(16).describe('Ports the application calls'),
    resolution: z
      .enum(EGRESS_RESOLUTIONS)
      .default('DNS')
      .describe('How Istio finds its addresses: DNS (recommended for external APIs), STATIC endpoints, NONE (the original destination)'),
    location: z
      .enum(['MESH_EXTERNAL', 'MESH_INTERNAL'])
      .default('MESH_EXTERNAL')
      .describe('MESH_EXTERNAL: outside the mesh; MESH_INTERNAL: mesh workloads elsewhere (another cluster, VMs)'),
    addresses: uniqueList(ipAddressOrBlock, 32).default([]).describe('Virtual IPs or blocks for the hosts (cross-cluster services, TCP)'),
    endpoints: z.array(egressEndpoint).max(64).default([]).describe('Endpoints, for STATIC resolution or DNS names other than the hosts'),
    tlsOrigination: tlsOrigination.optional(),
    egressGateway: egressGateway.optional(),
  })
  .describe('An external service the workload may call: a ServiceEntry, optionally TLS origination and an egress gateway route');

export type EgressEntry = z.output<typeof egressEntry>;

/**
 * One reason an egress entry cannot be applied as given, at the field that causes it (paths within the entry).
 *
 * @public
 */
export interface EgressIssue {
  path: Array<string | number>;
  message: string;
}

/** The rules across an egress entry's fields that Istio's validation (and the CRD's CEL rules) apply. */
export function egressIssues(entry: EgressEntry): EgressIssue[] {
  const issues: EgressIssue[] = [];
  entry.addresses.forEach((address, index) => {
    if (address.includes('/') && !['STATIC', 'NONE'].includes(entry.resolution)) {
      issues.push({
        path: ['addresses', index],
        message: `is a block: CIDR addresses are allowed only for NONE or STATIC resolution, not ${entry.resolution}`,
      });
    }
  });
  if (entry.resolution === 'NONE' && entry.endpoints.length > 0)
    issues.push({ path: ['endpoints'], message: 'cannot be set with NONE resolution: the original destination is used' });
  if (entry.resolution === 'DNS_ROUND_ROBIN' && entry.endpoints.length > 1)
    issues.push({ path: ['endpoints'], message: 'may hold one endpoint at most with DNS_ROUND_ROBIN resolution' });
  if (entry.resolution === 'STATIC' && entry.endpoints.length === 0)
    issues.push({ path: ['endpoints'], message: 'needs at least one endpoint with STATIC resolution' });
  if (entry.resolution.startsWith('DNS') && entry.endpoints.length === 0) {
    entry.hosts.forEach((host, index) => {
      if (host.startsWith('*'))
        issues.push({
          path: ['hosts', index],
          message: `is a wildcard: with ${entry.resolution} resolution and no endpoints every host must be a name DNS can resolve`,
        });
    });
  }
  if (entry.location === 'MESH_INTERNAL' && entry.endpoints.length > 0) {
    // samples/multicluster/expose-services.yaml: the east-west gateway passes hosts under *.local only (AUTO_PASSTHROUGH).
    entry.hosts.forEach((host, index) => {
      if (!host.endsWith('.local'))
        issues.push({
          path: ['hosts', index],
          message:
            "is not under .local: Istio's east-west gateway passes only *.local hosts, so a call to it goes nowhere; name the service as the other cluster does (<name>.<namespace>.svc.cluster.local)",
        });
    });
  }
  const seen = new Set<number>();
  entry.ports.forEach((port, index) => {
    if (seen.has(port.number)) issues.push({ path: ['ports', index, 'number'], message: 'is used by another port' });
    seen.add(port.number);
    if (entry.ports.findIndex(other => other.name === port.name) !== index) issues.push({ path: ['ports', index, 'name'], message: 'is used by another port' });
  });
  if (entry.tlsOrigination) {
    const port = entry.ports.find(p => p.number === entry.tlsOrigination!.port);
    if (!port || !isHttpProtocol(port.protocol)) {
      issues.push({
        path: ['tlsOrigination', 'port'],
        message: `is not an HTTP port of the entry (${
          entry.ports
            .filter(p => isHttpProtocol(p.protocol))
            .map(p => p.number)
            .join(', ') || 'none'
        }): the sidecar can only originate TLS for calls it reads as HTTP`,
      });
    }
    entry.hosts.forEach((host, index) => {
      if (host.startsWith('*')) issues.push({ path: ['hosts', index], message: 'is a wildcard: TLS origination needs the exact host to verify and to name' });
    });
  }
  if (entry.egressGateway) {
    if (entry.location !== 'MESH_EXTERNAL')
      issues.push({ path: ['egressGateway'], message: "routes calls leaving the mesh: the entry's location must be MESH_EXTERNAL" });
    entry.ports.forEach((port, index) => {
      if (!['HTTP', 'TLS', 'HTTPS'].includes(port.protocol))
        issues.push({
          path: ['ports', index, 'protocol'],
          message: `cannot go through the egress gateway: it routes HTTP (by host) and TLS (by SNI), not ${port.protocol}`,
        });
    });
    if (entry.tlsOrigination)
      issues.push({
        path: ['tlsOrigination'],
        message: 'cannot be combined with egressGateway here: originate TLS at the gateway instead, or call HTTPS through it',
      });
  }
  return issues;
}

/**
 * Egress entries whose gateway runs in a namespace the portal does not list (mesh.egress.gatewayNamespaces):
 * their ServiceEntry would be exported there, into a namespace the service's team does not own.
 *
 * @public
 */
export function egressGatewayNamespaceIssues(entries: Array<{ egressGateway?: { namespace: string } }>, allowed: string[]): EgressIssue[] {
  return entries.flatMap((entry, index) =>
    entry.egressGateway && !allowed.includes(entry.egressGateway.namespace)
      ? [
          {
            path: [index, 'egressGateway', 'namespace'],
            message: `"${entry.egressGateway.namespace}" is not a namespace the portal runs egress gateways in (${allowed.join(
              ', ',
            )}, mesh.egress.gatewayNamespaces): the ServiceEntry would be exported there`,
          },
        ]
      : [],
  );
}

/** Egress entries named twice, as paths into the list. */
export function duplicateEgressNames(entries: EgressEntry[]): EgressIssue[] {
  return entries.flatMap((entry, index) =>
    entries.findIndex(other => other.name === entry.name) !== index ? [{ path: [index, 'name'], message: 'is used by another egress entry' }] : [],
  );
}
