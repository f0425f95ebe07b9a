import { AnalyzedObject, podLabelsOf, inboundPortBypassed, PROXY_CONTAINER, containerPorts, workloadView } from '@meshport/istio-config';
import { EnforcementInputs } from './ambient';
import { byAge, policyScopeFor, policyTargets, targetScopeFor } from '../cluster/selectors';
import {
  AuthorizationPolicySummary,
  PolicyEnforcer,
  PolicyScope,
  EffectiveMtlsMode,
  MtlsSource,
  PortMtls,
  RequestAuthenticationSummary,
  SecurityStatus,
  WorkloadMtls,
} from '../api/statusTypes';

const MODES: EffectiveMtlsMode[] = ['STRICT', 'PERMISSIVE', 'DISABLE'];

function declaredMode(mode: unknown): EffectiveMtlsMode | undefined {
  return MODES.includes(mode as EffectiveMtlsMode) ? (mode as EffectiveMtlsMode) : undefined;
}

function describe(policy: AnalyzedObject) {
  return `PeerAuthentication ${policy.metadata.namespace}/${policy.metadata.name}`;
}

/** The container ports a workload serves, without the proxy's. */
function servedPorts(workload: AnalyzedObject): number[] {
  const view = workloadView(workload);
  const app = { ...view, containers: view.containers.filter((container: any) => container?.name !== PROXY_CONTAINER) };
  return containerPorts(app)
    .map(port => port.number)
    .filter(port => Number.isInteger(port));
}

/** The annotations of a workload's pods: its own for a Pod, its template's for a controller. */
function podAnnotations(workload: AnalyzedObject): Record<string, string> | undefined {
  return workload.kind === 'Pod' ? workload.metadata.annotations : workload.spec?.template?.metadata?.annotations;
}

/**
 * A workload's effective mTLS per port, as istiod computes it: the workload's own PeerAuthentication
 * (port-level, then its mode), then the namespace's, then the root namespace's, else PERMISSIVE. UNSET
 * at one level defers to the next.
 */
export function workloadMtls(workload: AnalyzedObject, peerAuthentications: AnalyzedObject[], rootNamespace: string): WorkloadMtls {
  const namespace = workload.metadata.namespace ?? 'default';
  const labels = podLabelsOf(workload);
  const at = (scope: string) => peerAuthentications.filter(p => policyScopeFor(p, namespace, labels, rootNamespace) === scope).sort(byAge)[0];
  const levels: Array<[MtlsSource, AnalyzedObject | undefined]> = [
    ['workload', at('workload')],
    ['namespace', at('namespace')],
    ['mesh', at('mesh')],
  ];
  let base: PortMtls = { port: '*', mode: 'PERMISSIVE', source: 'default' };
  for (const [source, policy] of levels) {
    const mode = declaredMode(policy?.spec?.mtls?.mode);
    if (policy && mode) {
      base = { port: '*', mode, source, policy: describe(policy) };
      break;
    }
  }
  const workloadPolicy = levels[0][1];
  const portLevel: Record<string, any> = workloadPolicy?.spec?.portLevelMtls ?? {};
  const ports = [...new Set([...servedPorts(workload), ...Object.keys(portLevel).map(Number)])].sort((a, b) => a - b);
  return {
    workload: workload.metadata.name,
    ports: [
      base,
      ...ports.map(port => {
        const mode = declaredMode(portLevel[String(port)]?.mode);
        const decided = mode && workloadPolicy ? { port, mode, source: 'workload' as const, policy: describe(workloadPolicy) } : { ...base, port };
        return inboundPortBypassed(podAnnotations(workload), port) ? { ...decided, bypassed: true } : decided;
      }),
    ],
  };
}

const NO_ENFORCEMENT: EnforcementInputs = { pods: [], services: new Map(), waypoints: new Set() };

/**
 * Where a policy is enforced: at the waypoint when attached to it, or to a Service a waypoint serves
 * (nowhere when no waypoint serves that Service); else by each pod it applies to, its sidecar or its node's ztunnel.
 */
function enforcers(policy: AnalyzedObject, scope: PolicyScope, enforcement: EnforcementInputs, rootNamespace: string): PolicyEnforcer[] {
  if (scope === 'waypoint') return ['waypoint'];
  if (scope === 'service') {
    const served = policyTargets(policy).some(t => t.kind === 'Service' && enforcement.services.get(`${t.namespace}/${t.name}`));
    return served ? ['waypoint'] : [];
  }
  const found = new Set<PolicyEnforcer>();
  for (const pod of enforcement.pods) {
    if (pod.dataPlane === 'none' || !policyScopeFor(policy, pod.namespace, pod.labels, rootNamespace)) continue;
    // ztunnel validates no tokens: a RequestAuthentication on an ambient pod is enforced nowhere (MP0011).
    if (pod.dataPlane === 'ambient' && policy.kind === 'RequestAuthentication') continue;
    found.add(pod.dataPlane === 'sidecar' ? 'sidecar' : 'ztunnel');
  }
  return [...found].sort();
}

/** The policies that apply to any of the workloads, each once, with the widest scope it applies at and what enforces it. */
function applying(policies: AnalyzedObject[], workloads: AnalyzedObject[], rootNamespace: string, enforcement: EnforcementInputs) {
  const services = new Set(enforcement.services.keys());
  return policies
    .map(policy => {
      const scopes = workloads.map(w => policyScopeFor(policy, w.metadata.namespace ?? 'default', podLabelsOf(w), rootNamespace));
      return { policy, scope: scopes.find(Boolean) ?? targetScopeFor(policy, services, enforcement.waypoints) };
    })
    .filter((entry): entry is { policy: AnalyzedObject; scope: PolicyScope } => Boolean(entry.scope))
    .sort((a, b) => byAge(a.policy, b.policy))
    .map(entry => ({ ...entry, enforcedBy: enforcers(entry.policy, entry.scope, enforcement, rootNamespace) }));
}

/** Effective mTLS per workload and port, and the authorization and JWT policies in force, with where each is enforced. */
export function securityStatus(
  workloads: AnalyzedObject[],
  policies: AnalyzedObject[],
  rootNamespace: string,
  enforcement: EnforcementInputs = NO_ENFORCEMENT,
): SecurityStatus {
  const ofKind = (kind: string) => policies.filter(p => p.kind === kind);
  const authorizationPolicies: AuthorizationPolicySummary[] = applying(ofKind('AuthorizationPolicy'), workloads, rootNamespace, enforcement).map(
    ({ policy, scope, enforcedBy }) => ({
      name: policy.metadata.name,
      namespace: policy.metadata.namespace ?? 'default',
      action: policy.spec?.action ?? 'ALLOW',
      scope,
      enforcedBy,
      ...(policy.metadata.annotations?.['istio.io/dry-run'] === 'true' ? { dryRun: true as const } : {}),
      rules: policy.spec?.rules ?? [],
    }),
  );
  const requestAuthentications: RequestAuthenticationSummary[] = applying(ofKind('RequestAuthentication'), workloads, rootNamespace, enforcement).map(
    ({ policy, scope, enforcedBy }) => ({
      name: policy.metadata.name,
      namespace: policy.metadata.namespace ?? 'default',
      scope,
      enforcedBy,
      issuers: (policy.spec?.jwtRules ?? []).map((rule: any) => ({ issuer: rule.issuer, jwksUri: rule.jwksUri, audiences: rule.audiences })),
    }),
  );
  return {
    mtls: workloads.map(w => workloadMtls(w, ofKind('PeerAuthentication'), rootNamespace)),
    authorizationPolicies,
    requestAuthentications,
  };
}
