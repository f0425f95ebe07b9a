import { AnalyzedObject } from './types';

/** A pod or the pod template of a workload controller, as selectors see it. */
export interface Workload {
  object: AnalyzedObject;
  namespace: string;
  labels: Record<string, string>;
}

const WORKLOAD_KINDS = new Set(['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet']);

/** The labels an object's pods carry: a Pod's own, a controller's pod template's. */
export function podLabelsOf(object: AnalyzedObject): Record<string, string> {
  if (object.kind === 'Pod') return object.metadata.labels ?? {};
  return object.spec?.template?.metadata?.labels ?? {};
}

/** "name.namespace.svc.cluster.local" for the short and partial host forms Istio accepts. */
export function fullyQualifiedHost(host: string, namespace: string): string {
  if (host.includes('*')) return host;
  const parts = host.split('.');
  if (parts.length === 1) return `${host}.${namespace}.svc.cluster.local`;
  if (parts.length === 2) return `${host}.svc.cluster.local`;
  if (parts.length === 3 && parts[2] === 'svc') return `${host}.cluster.local`;
  return host;
}

/** Appends to the list under a key, creating it on first use. */
function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Every object indexed once, by kind, by name, by host and by pod label, so that each analyzer does
 * work proportional to the objects it checks and never scans all objects per object.
 */
export class ResourceIndex {
  private readonly byKind = new Map<string, AnalyzedObject[]>();
  private readonly byKey = new Map<string, AnalyzedObject>();
  private readonly workloadsByNamespace = new Map<string, Workload[]>();
  /** namespace → "key=value" → workloads carrying that label. */
  private readonly workloadsByLabel = new Map<string, Map<string, Workload[]>>();
  private readonly destinationRulesByHost = new Map<string, AnalyzedObject[]>();
  readonly namespacesWithKnownWorkloads: ReadonlySet<string>;

  constructor(objects: AnalyzedObject[], namespacesWithKnownWorkloads?: string[]) {
    for (const object of objects) {
      if (!object || typeof object !== 'object' || !object.kind || !object.metadata?.name) continue;
      pushTo(this.byKind, object.kind, object);
      this.byKey.set(ResourceIndex.key(object.kind, object.metadata.namespace, object.metadata.name), object);
      if (WORKLOAD_KINDS.has(object.kind)) this.addWorkload(object);
      if (object.kind === 'DestinationRule' && typeof object.spec?.host === 'string') {
        const host = fullyQualifiedHost(object.spec.host, object.metadata.namespace ?? 'default');
        pushTo(this.destinationRulesByHost, host, object);
      }
    }
    this.namespacesWithKnownWorkloads = new Set(namespacesWithKnownWorkloads ?? this.workloadsByNamespace.keys());
  }

  private static key(kind: string, namespace: string | undefined, name: string) {
    return `${kind}/${namespace ?? ''}/${name}`;
  }

  private addWorkload(object: AnalyzedObject) {
    const namespace = object.metadata.namespace ?? 'default';
    const workload: Workload = { object, namespace, labels: podLabelsOf(object) };
    pushTo(this.workloadsByNamespace, namespace, workload);
    let labels = this.workloadsByLabel.get(namespace);
    if (!labels) {
      labels = new Map<string, Workload[]>();
      this.workloadsByLabel.set(namespace, labels);
    }
    for (const [key, value] of Object.entries(workload.labels)) pushTo(labels, `${key}=${value}`, workload);
  }

  /** All objects of a kind. */
  ofKind(kind: string): AnalyzedObject[] {
    return this.byKind.get(kind) ?? [];
  }

  /** One object by kind, namespace and name. */
  get(kind: string, namespace: string | undefined, name: string): AnalyzedObject | undefined {
    return this.byKey.get(ResourceIndex.key(kind, namespace, name));
  }

  /** DestinationRules for a fully qualified host. */
  destinationRulesFor(host: string): AnalyzedObject[] {
    return this.destinationRulesByHost.get(host) ?? [];
  }

  /** Workloads in a namespace. */
  workloadsIn(namespace: string): Workload[] {
    return this.workloadsByNamespace.get(namespace) ?? [];
  }

  /** Workloads in a namespace whose pod labels include every label given; all of them for an empty selector. */
  workloadsMatching(namespace: string, matchLabels: Record<string, string> | undefined): Workload[] {
    const pairs = Object.entries(matchLabels ?? {});
    if (pairs.length === 0) return this.workloadsIn(namespace);
    const labels = this.workloadsByLabel.get(namespace);
    if (!labels) return [];
    // Start from the rarest label, then filter: cost is bounded by the smallest candidate set.
    const candidates = pairs.map(([k, v]) => labels.get(`${k}=${v}`) ?? []).sort((a, b) => a.length - b.length);
    return candidates[0].filter(workload => pairs.every(([k, v]) => workload.labels[k] === v));
  }

  /** True when the input holds every workload of the namespace, so an empty match means something. */
  knowsWorkloadsOf(namespace: string): boolean {
    return this.namespacesWithKnownWorkloads.has(namespace);
  }
}
