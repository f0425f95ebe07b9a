import { ClusterMeshStatus, formatAmounts, PodMeshStatus, targetFromSelector } from '@meshport/plugin-mesh-common';
import { clusterStatusFromSlice, storeFromDocuments } from '@meshport/plugin-mesh-status-node';
import { readManifestDocuments } from '@meshport/plugin-mesh-node';
import { CommandResult } from '../io';
import { formatFindings } from '../format';

/** The status as lines for a terminal. */
function podInWords(p: PodMeshStatus): string {
  if (p.proxy) return `${p.proxy.mode} proxy ${p.proxy.version ?? '?'}${p.proxy.ready ? '' : ' NOT READY'}`;
  if (!p.ambient) return 'no proxy';
  const { redirected, node, ztunnel, waypoint } = p.ambient;
  const ztunnelWords = ztunnel ? `ztunnel ${ztunnel.namespace}/${ztunnel.name}${ztunnel.ready ? '' : ' NOT READY'}` : 'NO ZTUNNEL';
  return `ambient${redirected ? '' : ' NOT REDIRECTED'} on ${node ?? '?'} (${ztunnelWords}), waypoint ${waypoint ?? 'none'}`;
}

/** The status as lines for a terminal. */
function describeStatus(status: ClusterMeshStatus): string[] {
  const { workloads, security, traffic, overhead } = status;
  const percent = (share?: number) => (share === undefined ? 'n/a' : `${Math.round(share * 100)}%`);
  return [
    `Data plane: ${workloads.dataPlane}`,
    `Sidecar injection: ${workloads.injectedPods}/${workloads.totalPods} pods injected; proxies ${workloads.proxyVersions.join(', ') || 'none'}; ${
      workloads.notReadyProxies
    } not ready`,
    ...(workloads.ambientPods > 0
      ? [`Ambient: ${workloads.ambientPods}/${workloads.totalPods} pods; ${workloads.ambientNotReady} not redirected or without a ready ztunnel`]
      : []),
    ...workloads.waypoints.map(
      w => `  waypoint ${w.namespace}/${w.name} (for ${w.for}, bound by ${w.boundBy}): ${w.exists ? `${w.readyPods}/${w.pods} pods ready` : 'NO SUCH GATEWAY'}`,
    ),
    ...workloads.namespaces.map(
      ns =>
        `  namespace ${ns.name}: injection ${ns.injection}${ns.revision ? ` (revision ${ns.revision})` : ''}${ns.ambient ? ', ambient' : ''}${
          ns.useWaypoint ? `, waypoint ${ns.useWaypoint}` : ''
        }`,
    ),
    ...workloads.controllers.map(c => `  ${c.kind} ${c.namespace}/${c.name}: ${c.readyReplicas}/${c.replicas} ready`),
    ...workloads.pods.map(p => `  ${p.name}: ${podInWords(p)}, ${p.restarts} restarts`),
    'mTLS:',
    ...security.mtls.flatMap(w =>
      w.ports.map(
        p =>
          `  ${w.workload} ${p.port === '*' ? 'all ports' : `workload port ${p.port}`}: ${p.mode} (${p.source}${p.policy ? `, ${p.policy}` : ''})${
            p.bypassed ? ' · not intercepted: mTLS and authorization do not apply' : ''
          }`,
      ),
    ),
    `Authorization policies: ${
      security.authorizationPolicies
        .map(p => `${p.namespace}/${p.name} (${p.action}, ${p.scope}, enforced by ${p.enforcedBy.join('+') || 'NOTHING'})`)
        .join(', ') || 'none'
    }`,
    `JWT issuers: ${security.requestAuthentications.flatMap(r => r.issuers.map(i => i.issuer)).join(', ') || 'none'}`,
    `Canary: ${traffic.canary ? traffic.canary.split.map(s => `${s.subset} ${s.weight}% (${s.readyPods}/${s.pods} pods ready)`).join(', ') : 'none'}`,
    `Sidecar requests: ${formatAmounts(overhead.total.sidecar.requests)}; ${percent(overhead.requestShare.cpu)} of the app's cpu, ${percent(
      overhead.requestShare.memory,
    )} of its memory`,
    ...(overhead.ifInjected
      ? [`If injected: ${overhead.ifInjected.pods} pods without a proxy would add ${formatAmounts(overhead.ifInjected.sidecar.requests)} in requests`]
      : []),
    'Findings:',
    ...formatFindings(status.findings).map(line => (line ? `  ${line}` : line)),
  ];
}

/**
 * `meshport status --snapshot <dir> --namespace <ns> --selector <k=v,...> [--json]`: the status the
 * portal's Mesh tab shows, from a directory of `kubectl get -o yaml` output instead of a live cluster.
 */
export function runStatus(options: { snapshot: string; namespace?: string; selector: string; json?: boolean; rootNamespace?: string }): CommandResult {
  const target = targetFromSelector(options.selector, options.namespace);
  const documents = readManifestDocuments([options.snapshot]);
  const rootNamespace = options.rootNamespace ?? 'istio-system';
  const slice = storeFromDocuments(documents).sliceFor(target, rootNamespace);
  if (slice.pods.length === 0 && slice.controllers.length === 0) {
    return {
      exitCode: 1,
      stdout: [],
      stderr: [`meshport: no pods or deployments match "${options.selector}"${options.namespace ? ` in namespace ${options.namespace}` : ''}`],
    };
  }
  const status = clusterStatusFromSlice('snapshot', slice, rootNamespace);
  return { exitCode: 0, stdout: options.json ? [JSON.stringify(status, null, 2)] : describeStatus(status), stderr: [] };
}
