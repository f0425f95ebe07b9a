import { AnalyzedObject, containerPorts, inboundPortBypassed, podLabelsOf, PROXY_CONTAINER, workloadView } from '@meshport/istio-config';
import { EffectiveMtlsMode, MtlsSource, PortMtls, WorkloadMtls } from '../api/statusTypes';
import { byAge, policyScopeFor } from './policyScope';

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
 *
 * @public
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
