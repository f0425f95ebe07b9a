import { ClusterMeshStatus, PodMeshStatus } from '@meshport/plugin-mesh-common';
import { describeCode, Finding } from '@meshport/istio-config';
import { canaryStepLink, egressLink, enforceLink, onboardingLinkFor, rightSizingLink, strictMtlsLink, TemplateLink } from '../templateLinks';
import { count, requestRate } from '../format';
import { dataPlaneReach } from '../dataPlaneReach';

/** How loudly a point asks for attention: error first, then warning, then info. */
export type Severity = 'error' | 'warning' | 'info';

/** One thing about the service that needs someone, in words, with the change that fixes it where one exists. */
export interface AttentionItem {
  severity: Severity;
  /** What is wrong, in one sentence. */
  title: string;
  /** Which pods, objects or figures say so. */
  detail?: string;
  /** The template that fixes it, prefilled. */
  action?: { label: string; link: TemplateLink };
}

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

const podNames = (pods: PodMeshStatus[]) => pods.map(p => `${p.name}${p.restarts > 0 ? ` (${count(p.restarts, 'restart')})` : ''}`).join(', ');

/** A message as a sentence: capitalised unless it starts with a word like "mTLS", and with its full stop. */
function sentence(message: string): string {
  const capital = /^[a-z][a-z]/.test(message) ? `${message[0].toUpperCase()}${message.slice(1)}` : message;
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

/** Findings that have a template to fix them, and the template prefilled from what the status knows. */
export function fixFor(finding: Finding, cluster: ClusterMeshStatus, entityRef: string): AttentionItem['action'] {
  if (finding.code === 'MP0012') {
    const hosts = [
      ...new Set((cluster.traffic.edges ?? []).filter(e => e.via === 'BlackHoleCluster' && !e.destination.namespace).map(e => e.destination.service)),
    ];
    return { label: 'Declare the external service', link: egressLink(entityRef, hosts) };
  }
  if (finding.code === 'MP0006') return { label: 'Make mTLS strict', link: strictMtlsLink(entityRef) };
  if (finding.code === 'MP0013' || finding.code === 'IST0102') return { label: 'Open the onboarding change', link: onboardingLinkFor(entityRef) };
  return undefined;
}

/** The data plane: not on the mesh, pods without a proxy, proxies not ready or not synced, ambient pods not redirected. */
function dataPlaneItems(cluster: ClusterMeshStatus, entityRef: string): AttentionItem[] {
  const { workloads } = cluster;
  const items: AttentionItem[] = [];
  const reach = dataPlaneReach(workloads);
  if (reach === 'none' && workloads.totalPods > 0) {
    items.push({
      severity: 'warning',
      title: 'Not on the mesh: no pod has an Istio proxy, so mutual TLS and authorization do not apply.',
      detail: `${count(workloads.totalPods, 'pod')} without a sidecar or ambient mode.`,
      action: { label: 'Put it on the mesh', link: onboardingLinkFor(entityRef) },
    });
  } else if (reach === 'partial') {
    const bare = workloads.pods.filter(p => p.dataPlane === 'none');
    items.push({
      severity: 'warning',
      title: `${count(bare.length, 'pod')} of ${workloads.totalPods} ${bare.length === 1 ? 'has' : 'have'} no proxy: calls to ${
        bare.length === 1 ? 'it' : 'them'
      } skip mutual TLS and authorization.`,
      detail: podNames(bare),
    });
  }
  const notReady = workloads.pods.filter(p => p.proxy && !p.proxy.ready);
  if (notReady.length > 0) {
    items.push({
      severity: 'error',
      title: `${count(notReady.length, 'proxy', 'proxies')} not ready: ${notReady.length === 1 ? 'its pod gets' : 'their pods get'} no traffic.`,
      detail: podNames(notReady),
    });
  }
  const stale = workloads.pods.filter(p => p.proxy?.sync?.state === 'stale');
  if (stale.length > 0) {
    items.push({
      severity: 'error',
      title: `${count(stale.length, 'proxy', 'proxies')} ${stale.length === 1 ? 'has' : 'have'} not taken istiod's latest configuration.`,
      detail: stale.map(p => `${p.name}: ${p.proxy?.sync?.stale?.join(', ') ?? 'stale'}`).join('; '),
    });
  }
  if (workloads.ambientNotReady > 0) {
    items.push({ severity: 'error', title: `${count(workloads.ambientNotReady, 'ambient pod')} not redirected or without a ready ztunnel.` });
  }
  return items;
}

/**
 * Who puts Git's version back: drift is not fixed by a change to the policy (Git already holds the right
 * objects), but by the GitOps controller that applies the folder syncing it, or by finding what changed the cluster.
 */
function restoredBy(cluster: ClusterMeshStatus): string {
  const controllers = cluster.afterMerge?.controllers ?? [];
  if (controllers.length === 0) {
    return 'Git holds the right objects: no Argo CD Application or Flux Kustomization was found applying this folder, so apply it, and find what changed the cluster.';
  }
  const named = controllers.map(c => `${c.kind} ${c.namespace}/${c.name}${c.sync ? ` (${c.sync})` : ''}`).join(', ');
  return `Git holds the right objects: syncing ${named} puts them back; find what changed the cluster.`;
}

/** The merged configuration against the cluster: drifted objects, merged objects not applied. */
function afterMergeItems(cluster: ClusterMeshStatus): AttentionItem[] {
  const objects = cluster.afterMerge?.objects ?? [];
  const name = (o: (typeof objects)[number]) => `${o.kind} ${o.namespace ? `${o.namespace}/` : ''}${o.name}`;
  const drifted = objects.filter(o => o.state === 'drifted');
  const missing = objects.filter(o => o.state === 'not-applied');
  const items: AttentionItem[] = [];
  if (drifted.length > 0) {
    items.push({
      severity: 'warning',
      title: `The cluster differs from Git: ${drifted.map(name).join(', ')}.`,
      detail: `${drifted.map(o => `${name(o)}: ${o.differences?.join(', ') ?? 'changed'} changed in the cluster`).join('; ')}. ${restoredBy(cluster)}`,
    });
  }
  if (missing.length > 0) {
    items.push({ severity: 'warning', title: `Merged in Git, not in the cluster yet: ${missing.map(name).join(', ')}.` });
  }
  return items;
}

/** The policies and the traffic: dry run pending, a failing canary, failing health. */
function policyAndTrafficItems(cluster: ClusterMeshStatus, entityRef: string): AttentionItem[] {
  const items: AttentionItem[] = [];
  const { dryRun } = cluster.security;
  if (dryRun) {
    items.push({
      severity: 'warning',
      title: `Authorization is in dry run: ${dryRun.policies.join(', ')} ${dryRun.policies.length === 1 ? 'is' : 'are'} counted, not enforced.`,
      detail:
        dryRun.deniedPerSecond !== undefined
          ? `They would have denied ${requestRate(dryRun.deniedPerSecond)} over the last ${dryRun.window}.`
          : `What they would deny is unknown: ${dryRun.unavailable}.`,
      action: { label: 'Enforce', link: enforceLink(entityRef) },
    });
  }
  const analysis = cluster.traffic.canary?.analysis;
  if (analysis?.verdict === 'rollback') {
    const failed = analysis.checks.filter(c => !c.pass).map(c => c.name);
    const step = canaryStepLink(entityRef, analysis);
    items.push({
      severity: 'error',
      title: `Canary ${analysis.canaryVersion ?? ''} fails its checks (${failed.join(', ')}): roll it back.`,
      detail: analysis.reason,
      ...(step ? { action: { label: 'Roll back', link: step } } : {}),
    });
  }
  const assessment = cluster.health.assessment;
  if (assessment && (assessment.state === 'failing' || assessment.state === 'degraded')) {
    items.push({
      severity: assessment.state === 'failing' ? 'error' : 'warning',
      title: `Requests are ${assessment.state}: ${((cluster.health.overall?.errorShare ?? 0) * 100).toFixed(1)}% answered 5xx (${assessment.state} from ${
        assessment.state === 'failing' ? assessment.thresholds.failingPercent : assessment.thresholds.degradedPercent
      }%).`,
    });
  }
  const unallowed = (cluster.security.callers ?? []).filter(c => c.observed && !c.allowed);
  if (unallowed.length > 0) {
    items.push({
      severity: 'warning',
      title: `${count(unallowed.length, 'caller')} seen calling that no ALLOW rule admits.`,
      detail: unallowed.map(c => c.words).join('; '),
    });
  }
  return items;
}

/** Findings at error and warning level; info findings stay in the findings list. */
function findingItems(cluster: ClusterMeshStatus, entityRef: string): AttentionItem[] {
  return cluster.findings
    .filter(f => f.level !== 'info' || f.code === 'MP0006')
    .map(f => {
      const action = fixFor(f, cluster, entityRef);
      return {
        severity: f.level,
        title: sentence(f.message),
        detail: `${f.code} (${describeCode(f.code)?.title ?? 'finding'}) on ${f.resource}${
          describeCode(f.code)?.fix ? `. What to do: ${describeCode(f.code)!.fix}` : ''
        }`,
        ...(action ? { action } : {}),
      };
    });
}

/** Sidecars that ask for much more than they use. */
function costItems(cluster: ClusterMeshStatus, entityRef: string): AttentionItem[] {
  const sizing = cluster.overhead.rightSizing;
  if (sizing?.state !== 'recommend' || !sizing.recommended) return [];
  return [
    {
      severity: 'info',
      title: 'The sidecars request more than they use: right-sizing frees resources.',
      action: { label: 'Right-size the proxies', link: rightSizingLink(entityRef, sizing.recommended, sizing.pods) },
    },
  ];
}

/**
 * What needs attention in one cluster, the most urgent first: the data plane, the merged configuration,
 * the policies and traffic, the findings, the cost; a cluster that could not be read says so.
 */
export function attentionItems(cluster: ClusterMeshStatus, entityRef: string): AttentionItem[] {
  if (cluster.error) return [{ severity: 'error', title: `Cluster ${cluster.cluster} could not be read: ${cluster.error.message}.` }];
  const degraded = (cluster.degraded ?? []).map(
    (d): AttentionItem => ({ severity: 'warning', title: `${d.kind} could not be read: ${d.sections.join(', ')} may be incomplete.`, detail: d.message }),
  );
  return [
    ...dataPlaneItems(cluster, entityRef),
    ...afterMergeItems(cluster),
    ...policyAndTrafficItems(cluster, entityRef),
    ...findingItems(cluster, entityRef),
    ...degraded,
    ...costItems(cluster, entityRef),
  ]
    .map((item, order) => ({ item, order }))
    .sort((a, b) => RANK[a.item.severity] - RANK[b.item.severity] || a.order - b.order)
    .map(({ item }) => item);
}
