import { AnalyzedObject, podLabelsOf } from '../analyze';
import { inboundPortBypassed } from '../analyze/istio/interception';
import { byAge, policyScopeFor } from './selectors';
import { AuthorizationPolicySummary, EffectiveMtlsMode, MtlsSource, PortMtls, RequestAuthenticationSummary, SecurityStatus, WorkloadMtls } from './types';

const MODES: EffectiveMtlsMode[] = ['STRICT', 'PERMISSIVE', 'DISABLE'];

function declaredMode(mode: unknown): EffectiveMtlsMode | undefined {
  return MODES.includes(mode as EffectiveMtlsMode) ? (mode as EffectiveMtlsMode) : undefined;
}

function describe(policy: AnalyzedObject) {
  return `PeerAuthentication ${policy.metadata.namespace}/${policy.metadata.name}`;
}

/** The container ports a workload serves, without the proxy's. */
function servedPorts(workload: AnalyzedObject): number[] {
  const spec = workload.kind === 'Pod' ? workload.spec : workload.spec?.template?.spec;
  const containers: any[] = (spec?.containers ?? []).filter((c: any) => c?.name !== 'istio-proxy');
  return containers.flatMap(c => (c.ports ?? []).map((p: any) => Number(p.containerPort))).filter(p => Number.isInteger(p));
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

/** The policies that apply to any of the workloads, each once, with the widest scope it applies at. */
function applying(policies: AnalyzedObject[], workloads: AnalyzedObject[], rootNamespace: string) {
  return policies
    .map(policy => {
      const scopes = workloads.map(w => policyScopeFor(policy, w.metadata.namespace ?? 'default', podLabelsOf(w), rootNamespace));
      return { policy, scope: scopes.find(Boolean) };
    })
    .filter((entry): entry is { policy: AnalyzedObject; scope: NonNullable<typeof entry.scope> } => Boolean(entry.scope))
    .sort((a, b) => byAge(a.policy, b.policy));
}

/** Effective mTLS per workload and port, and the authorization and JWT policies in force. */
export function securityStatus(workloads: AnalyzedObject[], policies: AnalyzedObject[], rootNamespace: string): SecurityStatus {
  const ofKind = (kind: string) => policies.filter(p => p.kind === kind);
  const authorizationPolicies: AuthorizationPolicySummary[] = applying(ofKind('AuthorizationPolicy'), workloads, rootNamespace).map(({ policy, scope }) => ({
    name: policy.metadata.name,
    namespace: policy.metadata.namespace ?? 'default',
    action: policy.spec?.action ?? 'ALLOW',
    scope,
    rules: policy.spec?.rules ?? [],
  }));
  const requestAuthentications: RequestAuthenticationSummary[] = applying(ofKind('RequestAuthentication'), workloads, rootNamespace).map(({ policy, scope }) => ({
    name: policy.metadata.name,
    namespace: policy.metadata.namespace ?? 'default',
    scope,
    issuers: (policy.spec?.jwtRules ?? []).map((rule: any) => ({ issuer: rule.issuer, jwksUri: rule.jwksUri, audiences: rule.audiences })),
  }));
  return {
    mtls: workloads.map(w => workloadMtls(w, ofKind('PeerAuthentication'), rootNamespace)),
    authorizationPolicies,
    requestAuthentications,
  };
}
