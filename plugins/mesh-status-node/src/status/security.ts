import {
  AuthorizationPolicySummary,
  byAge,
  PolicyEnforcer,
  PolicyScope,
  policyScopeFor,
  policyTargets,
  RequestAuthenticationSummary,
  SecurityStatus,
  targetScopeFor,
  workloadMtls,
} from '@meshport/plugin-mesh-common';
import { AnalyzedObject, podLabelsOf } from '@meshport/istio-config';
import { EnforcementInputs } from './ambient';

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
