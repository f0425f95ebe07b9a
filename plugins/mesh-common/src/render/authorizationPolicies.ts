import type { AuthorizationPolicySpec, IstioObject } from '@meshport/istio-config';
import { MeshPolicy, needsWaypoint, waypointPrincipal } from '../model';
import { prune } from './kubeObject';
import { policyTarget, serviceMetadata, workloadSelector } from './names';

type Rule = Record<string, unknown>;

/** Istio's annotation for an AuthorizationPolicy that is evaluated and counted but not enforced. */
export const DRY_RUN_ANNOTATION = 'istio.io/dry-run';

/** Istio's attribute for a claim; a dotted claim name addresses a nested claim. */
export function claimAttribute(claim: string): string {
  return `request.auth.claims${claim
    .split('.')
    .map(part => `[${part}]`)
    .join('')}`;
}

/**
 * Every path but the public ones. A DENY rule must match negatively: a positive match (`paths`) is
 * escaped by spellings of a path the application treats as the same ("//api/x", "/API/x", "/api/x;a")
 * while Istio sees another string; `notPaths` fails safe, denying every spelling of a protected path.
 */
function exceptPublic(publicPaths: string[]) {
  return publicPaths.length > 0 ? [{ operation: { notPaths: publicPaths } }] : undefined;
}

function allowRules(policy: MeshPolicy): Rule[] {
  const { authorization, ingress } = policy;
  const rules: Rule[] = authorization.allow.map(rule => ({
    from: [{ source: { principals: rule.principals, namespaces: rule.namespaces } }],
    to: rule.methods.length + rule.paths.length > 0 ? [{ operation: { methods: rule.methods, paths: rule.paths } }] : undefined,
  }));
  if (authorization.healthCheckPaths.length > 0) {
    rules.push({
      from: [{ source: { principals: [authorization.ingressGatewayPrincipal] } }],
      to: [{ operation: { methods: ['GET', 'HEAD'], paths: authorization.healthCheckPaths } }],
    });
  }
  if (ingress) {
    // What the gateway exposes must get past deny-by-default; only those paths.
    const paths = ingress.routes.map(route => (route.pathPrefix === '/' ? '/*' : `${route.pathPrefix.replace(/\/$/, '')}*`));
    rules.push({ from: [{ source: { principals: [authorization.ingressGatewayPrincipal] } }], to: [{ operation: { paths } }] });
  }
  return rules;
}

/**
 * The ztunnel policies of a service behind its waypoint. The waypoint gets in (past a namespace's
 * deny-all) and nothing else does, whatever other ALLOW policy says: the DENY is Istio's migration guide's
 * bypass prevention. Two kinds of caller never come through the waypoint and are let in beside it:
 * callers still on sidecars (`dataPlane.sidecarCallers`: a sidecar sends to the pod's ztunnel directly,
 * pilot/pkg/xds/endpoints/endpoint_builder.go), and plaintext on ports mTLS leaves PERMISSIVE (ztunnel sees
 * no identity, which `notPrincipals` matches: ztunnel src/rbac.rs).
 */
function ztunnelPolicies(
  policy: MeshPolicy,
  base: (suffix: string, spec: AuthorizationPolicySpec) => IstioObject<'AuthorizationPolicy'>,
): Array<IstioObject<'AuthorizationPolicy'>> {
  const admitted = [waypointPrincipal(policy), ...policy.dataPlane.sidecarCallers];
  const plaintextPorts = policy.mtls.portOverrides.filter(override => override.mode !== 'STRICT').map(override => String(override.port));
  const selector = workloadSelector(policy);
  return [
    base('from-waypoint', {
      selector,
      action: 'ALLOW',
      rules: [{ from: [{ source: { principals: admitted } }] }, ...(plaintextPorts.length > 0 ? [{ to: [{ operation: { ports: plaintextPorts } }] }] : [])],
    }),
    base('waypoint-only', {
      selector,
      action: 'DENY',
      rules: [{ from: [{ source: { notPrincipals: admitted } }], ...(plaintextPorts.length > 0 ? { to: [{ operation: { notPorts: plaintextPorts } }] } : {}) }],
    }),
  ];
}

/**
 * The workload's AuthorizationPolicies: deny by default, allowed callers, and what JWT demands. In ambient
 * mode with a waypoint they attach to the Service (the waypoint enforces them), and ztunnel policies on
 * the pods admit the waypoint and refuse whatever does not come from it, so that nothing goes around it.
 */
export function renderAuthorizationPolicies(policy: MeshPolicy): Array<IstioObject<'AuthorizationPolicy'>> {
  const target = policyTarget(policy);
  const objects: Array<IstioObject<'AuthorizationPolicy'>> = [];
  const base = (suffix: string, spec: AuthorizationPolicySpec, dryRun = false): IstioObject<'AuthorizationPolicy'> =>
    prune(
      {
        apiVersion: 'security.istio.io/v1',
        kind: 'AuthorizationPolicy',
        metadata: { ...serviceMetadata(policy, suffix), ...(dryRun ? { annotations: { [DRY_RUN_ANNOTATION]: 'true' } } : {}) },
        spec,
      },
      new Set(['spec']),
    );
  // Deny-by-default and the allowed callers are tried first when asked: Envoy counts what they would deny.
  const tried = policy.authorization.dryRun;

  if (policy.authorization.denyByDefault) {
    // An ALLOW policy without rules matches nothing: Istio's "allow-nothing" idiom.
    objects.push(base('deny-by-default', { ...target, action: 'ALLOW' }, tried));
  }
  const rules = allowRules(policy);
  if (rules.length > 0) objects.push(base('allow-callers', { ...target, action: 'ALLOW', rules }, tried));
  if (needsWaypoint(policy)) objects.push(...ztunnelPolicies(policy, base));

  if (policy.jwt?.requireToken) {
    objects.push(
      base('require-jwt', {
        ...target,
        action: 'DENY',
        rules: [{ from: [{ source: { notRequestPrincipals: ['*'] } }], to: exceptPublic(policy.jwt.publicPaths) }],
      }),
    );
  }
  if (policy.jwt && policy.jwt.claims.length > 0) {
    objects.push(
      base('jwt-claims', {
        ...target,
        action: 'DENY',
        // One rule per claim: a request is denied when any claim holds none of its values.
        rules: policy.jwt.claims.map(condition => ({
          to: exceptPublic(policy.jwt!.publicPaths),
          when: [{ key: claimAttribute(condition.claim), notValues: condition.values }],
        })),
      }),
    );
  }
  return objects;
}
