import { z } from 'zod';
import { dataPlaneIssues } from './dataPlane';
import { duplicateEgressNames, egressEntry, egressIssues } from './egress';
import { isHttpProtocol } from './primitives';
import { containerResources, service } from './sections/service';
import { injection } from './sections/injection';
import { dataPlane } from './sections/dataPlane';
import { mtlsMode, mtls } from './sections/mtls';
import { jwt } from './sections/jwt';
import { authorization } from './sections/authorization';
import { traffic } from './sections/traffic';
import { canary } from './sections/canary';
import { ingress } from './sections/ingress';
import { telemetry } from './sections/telemetry';
import { scope } from './sections/scope';

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
export { canaryAnalysis } from './sections/canary';
export { DATA_PLANE_MODES } from './sections/dataPlane';
export { DEFAULT_INGRESS_GATEWAY_PRINCIPAL } from './sections/authorization';
