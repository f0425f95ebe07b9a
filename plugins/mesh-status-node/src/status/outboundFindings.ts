import { AnalyzedObject, Finding, finding, scopeCovers, scopeFor } from '@meshport/istio-config';
import { OutboundCall } from '../metrics/fleetMetrics';

/** What became of calls the scope leaves out, by where the proxy sent them. */
const FATE: Record<OutboundCall['cluster'], string> = {
  BlackHoleCluster: 'they were refused',
  PassthroughCluster: 'they left unmanaged (PassthroughCluster), past mTLS and policy',
  service: 'its proxy routed them on a stale view',
};

/** Calls a second, for people. */
const perSecond = (rate: number) => `${rate >= 10 ? Math.round(rate) : rate.toFixed(2)} calls/s`;

export interface OutboundFindingsInput {
  /** The entity's controllers (Istio's source_workload names them). */
  workloads: AnalyzedObject[];
  calls: OutboundCall[];
  sidecars: AnalyzedObject[];
  rootNamespace: string;
  /** The mesh's outboundTrafficPolicy mode, when its config could be read. */
  meshOutboundPolicy?: string;
}

/**
 * What the entity's observed calls say: calls refused because no ServiceEntry declares their host under
 * REGISTRY_ONLY (MP0012), and calls to hosts its proxy scope leaves out (MP0013), refused or let out unmanaged.
 */
export function outboundFindings(input: OutboundFindingsInput): Finding[] {
  const findings: Finding[] = [];
  for (const call of input.calls) {
    const workload = input.workloads.find(w => `${w.metadata.namespace ?? 'default'}/${w.metadata.name}` === call.source);
    if (!workload || call.rate <= 0) continue;
    const labels = workload.kind === 'Pod' ? workload.metadata.labels ?? {} : workload.spec?.template?.metadata?.labels ?? {};
    const scope = scopeFor(workload, labels, input.sidecars, input.rootNamespace);
    const sidecarNamespace = scope?.sidecar.metadata.namespace ?? 'default';
    const outOfScope = scope && call.host !== 'unknown' && !scope.hosts.some(entry => scopeCovers(entry, call.host, sidecarNamespace));
    if (outOfScope) {
      const fate = FATE[call.cluster];
      findings.push(
        finding(
          'MP0013',
          workload,
          `${perSecond(call.rate)} to ${call.host}, which the proxy scope of Sidecar ${scope.sidecar.metadata.namespace}/${
            scope.sidecar.metadata.name
          } leaves out: ${fate}`,
          'spec.egress[0].hosts',
        ),
      );
    } else if (call.cluster === 'BlackHoleCluster') {
      const policy = scope?.sidecar.spec?.outboundTrafficPolicy?.mode
        ? `its Sidecar's outbound policy (${scope.sidecar.spec.outboundTrafficPolicy.mode})`
        : `the mesh's outbound policy (${input.meshOutboundPolicy ?? 'REGISTRY_ONLY'})`;
      findings.push(
        finding(
          'MP0012',
          workload,
          `${perSecond(call.rate)} to ${
            call.host
          } were refused (BlackHoleCluster): no ServiceEntry declares the host and ${policy} lets calls out to declared hosts only`,
        ),
      );
    }
  }
  return findings;
}
