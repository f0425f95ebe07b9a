import { WORKLOAD_KINDS } from '@meshport/istio-config';
import { z } from 'zod';
import { dataPlaneIssues } from './dataPlane';
import { duplicateEgressNames, egressEntry, egressIssues } from './egress';
import {
  dnsLabel,
  dnsSubdomain,
  claimHeaderName,
  headerName,
  hostName,
  httpMethod,
  httpPath,
  canaryWeight,
  httpsUrl,
  isHttpProtocol,
  istioDuration,
  kubernetesLabelKey,
  kubernetesLabelValue,
  matchValue,
  percentage,
  portNumber,
  principal,
  resourceQuantity,
  scopeHost,
  token,
  uniqueList,
} from './primitives';

/**
 * The principal of Istio's default ingress gateway.
 *
 * @public
 */
export const DEFAULT_INGRESS_GATEWAY_PRINCIPAL = 'cluster.local/ns/istio-system/sa/istio-ingressgateway-service-account';

const servicePort = z
  .strictObject({
    number: portNumber.describe('Port the Kubernetes Service exposes'),
    targetPort: portNumber.optional().describe("Port the pods serve it on (the Service's targetPort); defaults to number"),
    name: dnsLabel.optional().describe('Port name; Istio reads the protocol from a prefix such as "http-"'),
    protocol: z.enum(['HTTP', 'HTTP2', 'GRPC', 'TCP', 'TLS', 'HTTPS']).default('HTTP').describe('Application protocol'),
  })
  .describe('A port of the Kubernetes Service');

const containerResources = z
  .strictObject({
    cpuRequest: resourceQuantity.optional().describe('CPU request, e.g. "250m"'),
    cpuLimit: resourceQuantity.optional().describe('CPU limit, e.g. "1"'),
    memoryRequest: resourceQuantity.optional().describe('Memory request, e.g. "256Mi"'),
    memoryLimit: resourceQuantity.optional().describe('Memory limit, e.g. "512Mi"'),
  })
  .describe('Container resource requests and limits');

const service = z
  .strictObject({
    name: dnsLabel.describe('Kubernetes Service and Deployment name'),
    namespace: dnsLabel.describe('Kubernetes namespace'),
    serviceAccount: dnsSubdomain.optional().describe('Service account the pods run as; defaults to the service name'),
    workloadKind: z
      .enum(WORKLOAD_KINDS)
      .default('Deployment')
      .describe('The controller of the pods, whose pod template gets the sidecar settings (Rollout: Argo Rollouts)'),
    workloadName: dnsSubdomain.optional().describe('Name of that controller; defaults to the service name'),
    ports: z.array(servicePort).min(1, 'needs at least one port').max(32).describe('Service ports'),
    appLabel: kubernetesLabelValue.optional().describe('Value of the pods\' "app" label; defaults to the service name'),
    versionLabel: kubernetesLabelValue.optional().describe('Value of the pods\' "version" label'),
    replicas: z.number().int().min(1).max(10_000).default(1).describe('Pod count, for cost estimates'),
    appResources: containerResources.optional().describe("The application containers' requests and limits per pod, for cost estimates"),
  })
  .describe('The service to put on the mesh');

const injection = z
  .strictObject({
    enabled: z.boolean().default(true).describe('Inject the Envoy sidecar into the pods'),
    revision: kubernetesLabelValue.optional().describe('Istio control plane revision (istio.io/rev); without it the istio-injection label is used'),
    proxyResources: containerResources.optional().describe('Sidecar requests and limits (sidecar.istio.io/proxyCPU and friends)'),
    excludeInboundPorts: uniqueList(portNumber, 32).default([]).describe('Inbound ports the sidecar does not intercept'),
    excludeOutboundPorts: uniqueList(portNumber, 32).default([]).describe('Outbound ports the sidecar does not intercept'),
    holdApplicationUntilProxyStarts: z.boolean().default(true).describe('Start the application only once the proxy is ready'),
  })
  .describe('Sidecar injection');

/** How a service's traffic is proxied. */
export const DATA_PLANE_MODES = ['sidecar', 'ambient'] as const;

const dataPlane = z
  .strictObject({
    mode: z
      .enum(DATA_PLANE_MODES)
      .default('sidecar')
      .describe("sidecar: an Envoy proxy in every pod; ambient: the node's ztunnel (mTLS, L4 policy) and, when a rule needs HTTP, a waypoint proxy"),
    waypoint: dnsLabel
      .optional()
      .describe(
        'Ambient only: the waypoint (a Gateway of class istio-waypoint in the service\'s namespace) that enforces L7 rules; defaults to "<service>-waypoint", rendered with the service',
      ),
    useExistingWaypoint: z.boolean().default(false).describe("Ambient only: the waypoint exists already (the namespace's, say); use it and do not render it"),
    sidecarCallers: uniqueList(principal, 64)
      .default([])
      .describe(
        "Ambient with a waypoint only: principals of callers still on sidecars. A sidecar skips the waypoint and reaches the pods' ztunnel under its own identity, so ztunnel admits these too (Istio's migration guide, bypass prevention); their HTTP rules are not enforced until they move to ambient",
      ),
  })
  .describe('Data plane: a sidecar per pod, or ambient');

const mtlsMode = z.enum(['STRICT', 'PERMISSIVE', 'DISABLE']);

const mtls = z
  .strictObject({
    mode: mtlsMode.default('STRICT').describe('Mutual TLS for traffic into the workload'),
    portOverrides: z
      .array(
        z.strictObject({
          port: portNumber.describe("Workload (container) port: a service port's targetPort, as Istio keys port-level mTLS"),
          mode: mtlsMode.describe('Mode on this port'),
        }),
      )
      .max(32)
      .default([])
      .describe('Per-port modes, e.g. PERMISSIVE on a metrics port'),
  })
  .describe('Mutual TLS (PeerAuthentication)');

const jwtRule = z
  .strictObject({
    issuer: z
      .string()
      .min(1, 'must not be empty')
      .max(2048, { message: 'must be at most 2048 characters', abort: true })
      .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII with no spaces')
      .describe('Token issuer (iss)'),
    jwksUri: httpsUrl.describe('Where the issuer publishes its signing keys'),
    audiences: uniqueList(token, 16).default([]).describe('Accepted audiences (aud); empty accepts any'),
    forwardOriginalToken: z.boolean().default(false).describe('Pass the token on to the application'),
    fromHeaders: z
      .array(
        z.strictObject({
          name: headerName.describe('Header carrying the token'),
          prefix: matchValue.optional().describe('Prefix before the token, e.g. "Bearer "'),
        }),
      )
      .max(8)
      .default([])
      .describe('Headers to read the token from; default is Authorization: Bearer'),
    outputClaimToHeaders: z
      .array(z.strictObject({ header: claimHeaderName.describe('Header to set'), claim: token.describe('Claim to copy') }))
      .max(16)
      .default([])
      .describe('Claims copied into request headers for the application'),
  })
  .describe('A trusted token issuer');

const claimCondition = z
  .strictObject({
    claim: z
      .string()
      .min(1, 'must not be empty')
      .max(128, { message: 'must be at most 128 characters', abort: true })
      .regex(/^[A-Za-z0-9_.:/-]+$/, 'must be a claim name of letters, digits and _.:/-')
      .describe('Claim name, e.g. "role"; nested claims use dots'),
    values: uniqueList(matchValue, 32).min(1, 'needs at least one value').describe('Accepted values'),
  })
  .describe('Require a claim to hold one of the values');

const jwt = z
  .strictObject({
    rules: z.array(jwtRule).min(1, 'needs at least one issuer').max(8).describe('Trusted issuers'),
    requireToken: z.boolean().default(true).describe('Reject requests without a valid token'),
    claims: z.array(claimCondition).max(16).default([]).describe('Claim conditions every request must meet'),
    publicPaths: uniqueList(httpPath, 32)
      .default([])
      .describe('Paths that need no token and no claims (e.g. "/healthz", "/public/*"); every other path needs both'),
  })
  .describe('End-user authentication with JWT (RequestAuthentication + AuthorizationPolicy)');

const allowRule = z
  .strictObject({
    principals: uniqueList(principal, 64).default([]).describe('Calling workloads, as cluster.local/ns/<ns>/sa/<sa>'),
    namespaces: uniqueList(dnsLabel, 64).default([]).describe('Calling namespaces'),
    methods: uniqueList(httpMethod, 9).default([]).describe('Allowed HTTP methods; empty allows all'),
    paths: uniqueList(httpPath, 64).default([]).describe('Allowed paths; empty allows all; "/api/*" matches a prefix'),
  })
  .refine(rule => rule.principals.length + rule.namespaces.length > 0, {
    message: 'names no caller: give principals or namespaces',
    path: ['principals'],
  })
  .describe('Callers allowed in, and what they may call');

const authorization = z
  .strictObject({
    denyByDefault: z.boolean().default(true).describe('Deny every request that no rule allows'),
    allow: z.array(allowRule).max(64).default([]).describe('Allowed callers'),
    healthCheckPaths: uniqueList(httpPath, 16).default([]).describe('Paths the ingress gateway may probe'),
    ingressGatewayPrincipal: principal.default(DEFAULT_INGRESS_GATEWAY_PRINCIPAL).describe("The ingress gateway's identity"),
    dryRun: z
      .boolean()
      .default(false)
      .describe(
        'Sidecar mode only: render deny-by-default and the allowed callers with istio.io/dry-run, so that the Mesh tab shows what they would deny before they are enforced',
      ),
  })
  .describe('Service-to-service authorization (AuthorizationPolicy)');

const loadBalancer = z
  .discriminatedUnion('type', [
    z.strictObject({ type: z.literal('simple'), algorithm: z.enum(['ROUND_ROBIN', 'LEAST_REQUEST', 'RANDOM', 'PASSTHROUGH']).describe('Algorithm') }),
    z.strictObject({ type: z.literal('consistentHashHeader'), header: headerName.describe('Header to hash on') }),
    z.strictObject({
      type: z.literal('consistentHashCookie'),
      cookie: z
        .string()
        .min(1)
        .max(64, { abort: true })
        .regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, 'must be a cookie name')
        .describe('Cookie to hash on'),
      ttl: istioDuration.optional().describe('Lifetime of a generated cookie'),
    }),
    z.strictObject({ type: z.literal('consistentHashSourceIp') }),
  ])
  .describe('How requests are spread across pods');

const connectionPool = z
  .strictObject({
    maxConnections: z.number().int().min(1).max(1_000_000).optional().describe('Maximum TCP connections to the service'),
    connectTimeout: istioDuration.optional().describe('TCP connect timeout'),
    http1MaxPendingRequests: z.number().int().min(1).max(1_000_000).optional().describe('Maximum queued requests'),
    http2MaxRequests: z.number().int().min(1).max(1_000_000).optional().describe('Maximum concurrent requests'),
    maxRequestsPerConnection: z.number().int().min(1).max(1_000_000).optional().describe('Requests per connection before it is recycled'),
    maxRetries: z.number().int().min(0).max(1_000_000).optional().describe('Maximum concurrent retries'),
    idleTimeout: istioDuration.optional().describe('Close connections idle this long'),
  })
  .describe('Connection pool limits');

const outlierDetection = z
  .strictObject({
    consecutive5xxErrors: z.number().int().min(0).max(1000).default(5).describe('Errors in a row before a pod is ejected'),
    interval: istioDuration.default('10s').describe('How often pods are checked'),
    baseEjectionTime: istioDuration.default('30s').describe('Minimum ejection time'),
    maxEjectionPercent: z.number().int().min(0).max(100).default(50).describe('Most pods that may be ejected at once, in percent'),
  })
  .describe('Eject misbehaving pods (circuit breaking)');

const retries = z
  .strictObject({
    attempts: z.number().int().min(0).max(10).describe('Retries per request'),
    perTryTimeout: istioDuration.optional().describe('Timeout of each try'),
    retryOn: z
      .string()
      .max(256, { abort: true })
      .regex(/^[a-z0-9-]+(,[a-z0-9-]+)*$/, 'must be a comma-separated list of Envoy retry conditions such as "5xx,connect-failure"')
      .optional()
      .describe('Retry conditions'),
  })
  .describe('Retries');

const traffic = z
  .strictObject({
    loadBalancer: loadBalancer.optional(),
    connectionPool: connectionPool.optional(),
    outlierDetection: outlierDetection.optional(),
    timeout: istioDuration.optional().describe('Request timeout'),
    retries: retries.optional(),
  })
  .describe('Traffic policy (DestinationRule and VirtualService)');

const fault = z
  .strictObject({
    delay: z.strictObject({ fixedDelay: istioDuration.describe('Added latency'), percentage: percentage.describe('Share of requests delayed') }).optional(),
    abort: z
      .strictObject({
        httpStatus: z.number().int().min(200).max(599).describe('Status returned'),
        percentage: percentage.describe('Share of requests aborted'),
      })
      .optional(),
  })
  .describe('Fault injection into canary traffic');

/** The thresholds a canary is judged by (Flagger's analysis model); unset ones come from the portal's config. */
export const canaryAnalysis = z
  .strictObject({
    minSuccessRate: percentage.optional().describe('Lowest share of non-5xx answers the canary may have, percent (default 99)'),
    maxP99Ms: z
      .number()
      .int('must be a whole number')
      .min(1)
      .max(600_000)
      .optional()
      .describe('Highest p99 latency the canary may have, milliseconds (default 500)'),
    minRequests: z
      .number()
      .int('must be a whole number')
      .min(0)
      .max(1_000_000_000)
      .optional()
      .describe('Requests the canary must have served in the window before it is judged (default 100)'),
    stepWeight: z
      .number()
      .int('must be a whole number')
      .min(1)
      .max(100)
      .optional()
      .describe('How much more traffic a passing canary gets per step, percent (default 20)'),
    maxWeight: z
      .number()
      .int('must be a whole number')
      .min(1)
      .max(100)
      .optional()
      .describe('The share at which a passing canary is promoted instead, percent (default 50)'),
  })
  .describe('How the canary is judged on the Mesh tab');

const canary = z
  .strictObject({
    stableVersion: kubernetesLabelValue.describe('"version" label of the stable pods'),
    canaryVersion: kubernetesLabelValue.describe('"version" label of the canary pods'),
    canaryWeight: canaryWeight.describe('Percent of traffic sent to the canary'),
    headerMatch: z
      .strictObject({ name: headerName.describe('Header name'), value: matchValue.describe('Exact header value') })
      .optional()
      .describe('Requests with this header always go to the canary (internal testers)'),
    fault: fault.optional(),
    analysis: canaryAnalysis.optional(),
  })
  .refine(value => value.stableVersion !== value.canaryVersion, {
    message: 'must differ from stableVersion',
    path: ['canaryVersion'],
  })
  .refine(value => !value.fault || value.headerMatch, {
    message: "applies to the testers' header route only: set headerMatch too",
    path: ['fault'],
  })
  .describe('Canary release between two versions');

const ingress = z
  .strictObject({
    gatewayName: dnsLabel.optional().describe('Gateway object name; defaults to "<service>-gateway"'),
    gatewaySelector: z.record(kubernetesLabelKey, kubernetesLabelValue).default({ istio: 'ingressgateway' }).describe('Labels of the ingress gateway pods'),
    hosts: uniqueList(hostName, 16).min(1, 'needs at least one host').describe('Public host names'),
    tls: z
      .strictObject({
        credentialName: dnsSubdomain.describe("Secret holding the certificate, in the gateway's namespace"),
        httpsRedirect: z.boolean().default(true).describe('Redirect plain HTTP to HTTPS'),
      })
      .optional()
      .describe('Serve HTTPS'),
    routes: z
      .array(z.strictObject({ pathPrefix: httpPath.describe('Path prefix'), port: portNumber.optional().describe('Service port; defaults to the first') }))
      .max(32)
      .default([{ pathPrefix: '/' }])
      .describe('Paths routed to the service'),
  })
  .describe('Exposure through the ingress gateway');

const customTag = z.strictObject({
  name: z
    .string()
    .min(1)
    .max(64, { abort: true })
    .regex(/^[A-Za-z0-9_.-]+$/, 'must be letters, digits and _.-')
    .describe('Tag name on spans'),
  header: headerName.describe('Request header to copy'),
  defaultValue: matchValue.optional().describe('Value when the header is missing'),
});

const telemetry = z
  .strictObject({
    tracingProvider: dnsSubdomain.optional().describe('Tracing provider from the mesh config; default is the mesh default'),
    samplingPercentage: percentage.default(1).describe('Share of requests traced'),
    customTags: z.array(customTag).max(16).default([]).describe('Span tags taken from request headers'),
  })
  .describe('Tracing (Telemetry)');

const scope = z
  .strictObject({
    hosts: uniqueList(scopeHost, 128)
      .default([])
      .describe(
        'What the service calls besides its own namespace and istio-system, as "<namespace>/<host>": its catalog dependencies\' Services, its ServiceEntries\' hosts',
      ),
  })
  .describe(
    "Sidecar mode only: the proxy's egress scope (a Sidecar resource). The proxy learns only these hosts, its namespace's and istio-system's, instead of the whole mesh; calls elsewhere fail",
  );

/**
 * Everything Meshport configures for one service: the single model behind forms, actions and analysis.
 *
 * @public
 */
export const meshPolicySchema = z
  .strictObject({
    service,
    dataPlane: dataPlane.prefault({}),
    injection: injection.prefault({}),
    mtls: mtls.prefault({}),
    jwt: jwt.optional(),
    authorization: authorization.prefault({}),
    traffic: traffic.optional(),
    canary: canary.optional(),
    ingress: ingress.optional(),
    telemetry: telemetry.optional(),
    scope: scope.optional(),
    egress: z
      .array(egressEntry)
      .max(32)
      .optional()
      .describe('External services the workload calls: ServiceEntries, with TLS origination or an egress gateway route'),
  })
  .superRefine((policy, ctx) => {
    const portNumbers = new Set(policy.service.ports.map(port => port.number));
    const workloadPorts = new Map(policy.service.ports.map(port => [port.targetPort ?? port.number, port.number]));
    const listed = [...workloadPorts.keys()].join(', ');
    policy.mtls.portOverrides.forEach((override, index) => {
      if (workloadPorts.has(override.port)) return;
      const named = policy.service.ports.find(port => port.number === override.port && port.targetPort !== undefined);
      const hint = named ? `: Istio keys port-level mTLS by the workload port, here ${named.targetPort} (service port ${named.number}'s targetPort)` : '';
      ctx.addIssue({ code: 'custom', path: ['mtls', 'portOverrides', index, 'port'], message: `is not a port the service's pods serve (${listed})${hint}` });
    });
    policy.injection.excludeInboundPorts.forEach((port, index) => {
      if (!workloadPorts.has(port)) return;
      ctx.addIssue({
        code: 'custom',
        path: ['injection', 'excludeInboundPorts', index],
        message: `is the target port of service port ${workloadPorts.get(port)}: traffic to it would bypass the sidecar, and with it mTLS and authorization`,
      });
    });
    policy.ingress?.routes.forEach((route, index) => {
      if (route.port !== undefined && !portNumbers.has(route.port)) {
        ctx.addIssue({
          code: 'custom',
          path: ['ingress', 'routes', index, 'port'],
          message: `is not one of the service's ports (${[...portNumbers].join(', ')})`,
        });
      }
    });
    const seenNames = new Set<string>();
    policy.service.ports.forEach((port, index) => {
      if (port.name && seenNames.has(port.name)) {
        ctx.addIssue({ code: 'custom', path: ['service', 'ports', index, 'name'], message: 'is used by another port' });
      }
      if (port.name) seenNames.add(port.name);
      if (policy.service.ports.findIndex(other => other.number === port.number) !== index) {
        ctx.addIssue({ code: 'custom', path: ['service', 'ports', index, 'number'], message: 'is used by another port' });
      }
    });
    if (policy.ingress && !policy.service.ports.some(port => isHttpProtocol(port.protocol))) {
      ctx.addIssue({ code: 'custom', path: ['ingress'], message: 'needs an HTTP, HTTP2 or GRPC service port to route to' });
    }
    dataPlaneIssues(policy).forEach(issue => ctx.addIssue({ code: 'custom', ...issue }));
    duplicateEgressNames(policy.egress ?? []).forEach(issue => ctx.addIssue({ code: 'custom', path: ['egress', ...issue.path], message: issue.message }));
    (policy.egress ?? []).forEach((entry, index) => {
      egressIssues(entry).forEach(issue => ctx.addIssue({ code: 'custom', path: ['egress', index, ...issue.path], message: issue.message }));
      if (policy.dataPlane.mode !== 'ambient') return;
      for (const field of ['tlsOrigination', 'egressGateway'] as const) {
        if (entry[field])
          ctx.addIssue({
            code: 'custom',
            path: ['egress', index, field],
            message: 'needs a sidecar to act on the calls: in ambient mode it would take a waypoint for the ServiceEntry, which Meshport does not render',
          });
      }
    });
  })
  .describe(
    'Meshport policy for one service. Rules across fields, which Meshport checks and this schema cannot state: ' +
      'port numbers and names are unique; mtls.portOverrides name target ports and ingress.routes service ports; injection.excludeInboundPorts names no target port; ingress needs an HTTP, HTTP2 or GRPC port; ' +
      'canary.canaryVersion differs from canary.stableVersion; canary.fault needs canary.headerMatch; each authorization.allow rule names principals or namespaces; ' +
      "egress entries follow Istio's ServiceEntry rules (CIDR addresses only with NONE or STATIC resolution, STATIC needs endpoints, NONE takes none, DNS without endpoints needs exact hosts) and their names are unique; tlsOrigination names an HTTP port; " +
      'in ambient mode injection sets no proxy resources or excluded ports, there is no scope and no egress entry originates TLS or uses an egress gateway, dataPlane.useExistingWaypoint needs dataPlane.waypoint, and in sidecar mode neither is set.',
  );

/** The policy as a form or file gives it (defaults may be missing). */
/** The JWT section alone, for forms that edit it on its own. */
export const jwtSectionSchema = jwt;

/** @public */
export type MeshPolicyInput = z.input<typeof meshPolicySchema>;
/**
 * The policy with every default filled in.
 *
 * @public
 */
export type MeshPolicy = z.output<typeof meshPolicySchema>;
export type MtlsMode = z.output<typeof mtlsMode>;
/** @public */
export type CanaryPolicy = NonNullable<MeshPolicy['canary']>;
export type ContainerResources = z.output<typeof containerResources>;
