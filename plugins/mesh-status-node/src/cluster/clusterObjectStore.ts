import { ContainerResourceAmounts, injectorProxyDefaults, EntityTarget } from '@meshport/plugin-mesh-common';
import {
  analyze,
  Finding,
  resourceName,
  analysisSteps,
  outboundPolicyOf,
  AnalyzedObject,
  kindKey,
  podLabelsOf,
  POD_RUNNING_KINDS,
  ObjectIndex,
  injectorConfigMapName,
  K8S_GATEWAY_NAME_LABEL,
  namespaceInjectionMode,
  isZtunnelPod,
  namedWaypoints,
  ZTUNNEL_POD_LABEL,
  expandLists,
  equalityLabels,
  matchesLabelSelector,
  servicesForPods,
  WORKLOAD_KINDS,
} from '@meshport/istio-config';
import { fullyQualifiedHost } from './hosts';
import { policyScopeFor, targetScopeFor } from '@meshport/plugin-mesh-common';
import { MESH_STATUS_KINDS } from './statusResources';

const SECURITY_KINDS = ['PeerAuthentication', 'AuthorizationPolicy', 'RequestAuthentication'];

/**
 * The objects that concern one entity in one cluster.
 *
 * @public
 */
export interface EntitySlice {
  namespaces: AnalyzedObject[];
  pods: AnalyzedObject[];
  /** Deployments, StatefulSets, DaemonSets and Rollouts whose pod templates the selector picks. */
  controllers: AnalyzedObject[];
  services: AnalyzedObject[];
  /** Security policies that apply to the entity's workloads (selector, namespace or mesh-wide). */
  policies: AnalyzedObject[];
  /** VirtualServices and DestinationRules for the entity's hosts, and the Gateways those name. */
  networking: AnalyzedObject[];
  /** What an analysis of the whole cluster finds about these objects. */
  findings: Finding[];
  /** True while the first analysis of the cluster runs (in the background): `findings` is empty until it ends. */
  findingsPending?: boolean;
  /** The mesh's default proxy resources, from the injector configuration of the entity's revision when readable. */
  proxyDefaults?: ContainerResourceAmounts;
  /** ztunnel pods on the nodes the entity's pods run on. */
  ztunnels: AnalyzedObject[];
  /** The Gateway API Gateways the entity's `istio.io/use-waypoint` labels name, and their pods. */
  waypoints: AnalyzedObject[];
  waypointPods: AnalyzedObject[];
  /** How many pods run on each node the entity's pods run on. */
  podsOnNodes: ReadonlyMap<string, number>;
  /** Sidecar resources of the entity's namespaces and the root namespace: its proxy scope. */
  sidecars: AnalyzedObject[];
  /** The mesh's outboundTrafficPolicy mode, from the root namespace's "istio" ConfigMap, when readable. */
  meshOutboundPolicy?: string;
}

/**
 * A cluster's mesh-relevant objects, indexed by namespace, by pod label and by host, so that an entity's
 * slice costs work in proportion to the entity's own objects rather than the cluster's. Both the live
 * cache (fed by list+watch) and the snapshot source fill one.
 *
 * @public
 */
export class ClusterObjectStore {
  private readonly objects = new ObjectIndex();
  private revision = 0;
  private analysis?: { revision: number; at: number; kinds: string; byResource: Map<string, Finding[]> };
  private analysisScheduled?: ReturnType<typeof setTimeout>;
  private analysisRunning = false;
  /** Why the last background analysis failed; the next request that asks for findings gets it, and a new run starts. */
  private analysisFailure?: Error;
  /** The proxy defaults read from each injector ConfigMap object, so that its JSON is parsed once, not per request. */
  private readonly proxyDefaultsByInjector = new WeakMap<AnalyzedObject, ContainerResourceAmounts | undefined>();
  /** fully qualified host → the VirtualServices and DestinationRules naming it */
  private readonly byHost = new Map<string, Set<AnalyzedObject>>();
  /** node name → how many pods run there besides its ztunnel (for an entity's share of the node's ztunnel) */
  private readonly podsByNode = new Map<string, number>();

  /**
   * @param kinds - the kinds this store holds completely: analyzers that need others do not run.
   * @param analysisIntervalMs - how old a cluster-wide analysis may be before a change makes it run again.
   * @param analysisMode - `inline`: the first request runs the analysis and waits for it (a snapshot, the
   *   CLI); `background`: it runs one analyzer per turn of the event loop while requests are answered, the
   *   first ones with the findings pending (the live cache, whose first analysis of a large cluster takes seconds).
   */
  constructor(
    private readonly kinds: readonly string[] = MESH_STATUS_KINDS,
    private readonly analysisIntervalMs = 2000,
    private readonly analysisMode: 'inline' | 'background' = 'inline',
  ) {}

  /** Number of objects held. */
  get size(): number {
    return this.objects.size;
  }

  /**
   * The findings about some objects, from an analysis of the whole cluster as istioctl would make it (so
   * that a reference to another namespace is found there); undefined while the first analysis of this
   * input runs in the background. After a change the analysis runs again, at most once per interval and
   * after the request that noticed it; requests meanwhile answer with the last one.
   */
  findingsFor(objects: AnalyzedObject[], rootNamespace: string, unavailableKinds: readonly string[] = []): Finding[] | undefined {
    if (this.analysisFailure) {
      const failure = this.analysisFailure;
      this.analysisFailure = undefined;
      throw failure;
    }
    const now = Date.now();
    const current = this.analysis;
    const kinds = this.kinds.filter(kind => !unavailableKinds.includes(kind));
    const kindsKey = kinds.join(',');
    if (!current || current.kinds !== kindsKey) {
      // No analysis of this input yet.
      if (this.analysisMode === 'inline') this.analyzeNow(rootNamespace, kinds);
      else this.analyzeInBackground(rootNamespace, kinds);
    } else if (current.revision !== this.revision && now - current.at >= this.analysisIntervalMs && !this.analysisScheduled) {
      // Out of date: redone after this request, which answers with the last one (at most an interval old).
      this.analysisScheduled = setTimeout(() => {
        this.analysisScheduled = undefined;
        if (this.analysisMode === 'inline') this.analyzeNow(rootNamespace, kinds);
        else this.analyzeInBackground(rootNamespace, kinds);
      }, 0);
      (this.analysisScheduled as { unref?: () => void }).unref?.();
    }
    const analysis = this.analysis;
    if (!analysis || analysis.kinds !== kindsKey) return undefined;
    const resources = new Set(
      objects.map(object =>
        resourceName({
          ...object,
          metadata: { ...object.metadata, namespace: object.kind === 'Namespace' ? undefined : object.metadata.namespace ?? 'default' },
        }),
      ),
    );
    return [...resources].flatMap(resource => analysis.byResource.get(resource) ?? []);
  }

  /** Starts an analysis in the background, unless one runs: a step per turn, so that requests are answered between steps. */
  analyzeInBackground(rootNamespace: string, kinds: string[]): void {
    if (this.analysisRunning) return;
    this.analysisRunning = true;
    const revision = this.revision;
    const steps = analysisSteps(this.objects.all(), { rootNamespace, kinds });
    const step = () => {
      try {
        const next = steps.next();
        if (next.done) {
          this.analysisRunning = false;
          this.analysis = { revision, at: Date.now(), kinds: kinds.join(','), byResource: findingsByResource(next.value) };
          return;
        }
      } catch (error) {
        this.analysisRunning = false;
        this.analysisFailure = error as Error;
        return;
      }
      setTimeout(step, 0);
    };
    setTimeout(step, 0);
  }

  private analyzeNow(rootNamespace: string, kinds: string[]): void {
    this.analysis = {
      revision: this.revision,
      at: Date.now(),
      kinds: kinds.join(','),
      byResource: findingsByResource(analyze(this.objects.all(), { rootNamespace, kinds })),
    };
  }

  private proxyDefaultsOf(injector: AnalyzedObject): ContainerResourceAmounts | undefined {
    if (!this.proxyDefaultsByInjector.has(injector))
      this.proxyDefaultsByInjector.set(injector, injectorProxyDefaults(injector as { data?: Record<string, string> }));
    return this.proxyDefaultsByInjector.get(injector);
  }

  /** Adds or replaces an object. */
  upsert(object: AnalyzedObject): void {
    const replaced = this.objects.add(object);
    if (replaced) this.unindex(replaced);
    this.revision += 1;
    for (const host of this.hostsOf(object)) {
      let routes = this.byHost.get(host);
      if (!routes) this.byHost.set(host, (routes = new Set()));
      routes.add(object);
    }
    this.countOnNode(object, 1);
  }

  /** Counts the pods a node's ztunnel serves: every pod there but the ztunnel's own. */
  private countOnNode(object: AnalyzedObject, delta: 1 | -1) {
    const node = object.kind === 'Pod' ? object.spec?.nodeName : undefined;
    if (typeof node !== 'string' || isZtunnelPod(object)) return;
    const count = (this.podsByNode.get(node) ?? 0) + delta;
    if (count > 0) this.podsByNode.set(node, count);
    else this.podsByNode.delete(node);
  }

  /** The object held under a kind (as `kindKey` gives it), namespace and name; undefined when none is. */
  get(kind: string, namespace: string | undefined, name: string): AnalyzedObject | undefined {
    return this.objects.get(kind, kind === 'Namespace' ? undefined : namespace, name);
  }

  /** Every object of a kind (as `kindKey` gives it), in every namespace. */
  list(kind: string): AnalyzedObject[] {
    return this.objects.ofKind(kind);
  }

  /** The kinds the store holds completely. */
  get kindsHeld(): string[] {
    return [...this.kinds];
  }

  /** Whether the store holds a kind completely (it reads it from the cluster). */
  holds(kind: string): boolean {
    return this.kinds.includes(kind);
  }

  /** Removes an object if held; `kind` as `kindKey` gives it (KubernetesGateway for Gateway API Gateways). */
  remove(kind: string, namespace: string | undefined, name: string): void {
    const object = this.objects.remove(kind, namespace, name);
    if (!object) return;
    this.revision += 1;
    this.unindex(object);
  }

  /** Takes an object the object index let go of out of the store's own indexes. */
  private unindex(object: AnalyzedObject): void {
    // Every index key goes with its last member: unique labels and short-lived namespaces leave nothing.
    for (const host of this.hostsOf(object)) {
      const routes = this.byHost.get(host);
      routes?.delete(object);
      if (routes?.size === 0) this.byHost.delete(host);
    }
    this.countOnNode(object, -1);
  }

  /** How many keys the indexes hold, for tests that check nothing is left behind. */
  get indexKeys(): number {
    return this.objects.keyCount + this.byHost.size + this.podsByNode.size;
  }

  /** Replaces every object of a kind, as `kindKey` gives it (after a full list). */
  replaceKind(kind: string, objects: AnalyzedObject[]): void {
    for (const object of this.objects.ofKind(kind)) this.remove(kind, object.metadata.namespace, object.metadata.name);
    for (const object of objects) this.upsert(object);
  }

  private hostsOf(object: AnalyzedObject): string[] {
    const namespace = object.metadata.namespace ?? 'default';
    if (object.kind === 'DestinationRule' && typeof object.spec?.host === 'string') return [fullyQualifiedHost(object.spec.host, namespace)];
    if (object.kind !== 'VirtualService') return [];
    const named: string[] = (object.spec?.hosts ?? []).map((h: string) => fullyQualifiedHost(String(h), namespace));
    const routed: string[] = ['http', 'tcp', 'tls'].flatMap(protocol =>
      (object.spec?.[protocol] ?? []).flatMap((route: any) =>
        (route.route ?? []).map((d: any) => fullyQualifiedHost(String(d.destination?.host ?? ''), namespace)),
      ),
    );
    return [...new Set([...named, ...routed])];
  }

  /** Pods or controllers in a namespace that the target's selector picks, starting from the rarest label. */
  private matching(namespace: string, kind: string, target: EntityTarget): AnalyzedObject[] {
    return this.objects.matching(kind, namespace, equalityLabels(target.requirements), labels => matchesLabelSelector(target.requirements, labels));
  }

  /** The namespaces to look in: the target's, or every namespace holding a matching pod or controller. */
  private namespacesFor(target: EntityTarget): string[] {
    if (target.namespace) return [target.namespace];
    return this.objects.namespacesOf(POD_RUNNING_KINDS).filter(ns => POD_RUNNING_KINDS.some(kind => this.matching(ns, kind, target).length > 0));
  }

  /** Pods carrying a label ("key=value"), in the given namespaces or any, from the label index. */
  private podsLabelled(label: string, namespaces?: Iterable<string>): AnalyzedObject[] {
    return this.objects.labelled('Pod', label, namespaces);
  }

  /** The ztunnels of the nodes the pods run on, and the waypoints the entity's labels name with their pods. */
  private ambientSlice(pods: AnalyzedObject[], services: AnalyzedObject[], namespaces: AnalyzedObject[]) {
    const nodes = new Set(pods.map(pod => pod.spec?.nodeName).filter(Boolean));
    const ztunnels = nodes.size > 0 ? this.podsLabelled(ZTUNNEL_POD_LABEL).filter(z => nodes.has(z.spec?.nodeName)) : [];
    const refs = namedWaypoints(pods, services, namespaces);
    const waypoints = refs.map(ref => this.objects.get('KubernetesGateway', ref.namespace, ref.name)).filter((g): g is AnalyzedObject => Boolean(g));
    const waypointPods = refs.flatMap(ref => this.podsLabelled(`${K8S_GATEWAY_NAME_LABEL}=${ref.name}`, [ref.namespace]));
    const podsOnNodes = new Map([...nodes].map(node => [node, this.podsByNode.get(node) ?? 0]));
    return { ztunnels, waypoints, waypointPods, podsOnNodes };
  }

  /** Everything that concerns one entity. */
  sliceFor(target: EntityTarget, rootNamespace = 'istio-system', unavailableKinds: readonly string[] = []): EntitySlice {
    const namespaces = this.namespacesFor(target);
    const pods = namespaces.flatMap(ns => this.matching(ns, 'Pod', target));
    const controllers = namespaces.flatMap(ns => WORKLOAD_KINDS.flatMap(kind => this.matching(ns, kind, target)));
    const workloads = [...controllers, ...pods];
    const podLabels = workloads.map(w => ({ namespace: w.metadata.namespace ?? 'default', labels: podLabelsOf(w) }));
    const services = servicesForPods(
      namespaces.flatMap(ns => this.objects.inNamespace('Service', ns)),
      podLabels,
    );
    const namespaceObjects = namespaces.map(ns => this.objects.get('Namespace', undefined, ns)).filter((n): n is AnalyzedObject => Boolean(n));
    const ambient = this.ambientSlice(pods, services, namespaceObjects);
    const serviceKeys = new Set(services.map(s => `${s.metadata.namespace ?? 'default'}/${s.metadata.name}`));
    const waypointKeys = new Set(ambient.waypoints.map(g => `${g.metadata.namespace}/${g.metadata.name}`));
    const policies = [...new Set([...namespaces, rootNamespace, ...ambient.waypoints.map(g => g.metadata.namespace ?? 'default')])]
      .flatMap(ns => SECURITY_KINDS.flatMap(kind => this.objects.inNamespace(kind, ns)))
      .filter(
        policy =>
          workloads.some(w => policyScopeFor(policy, w.metadata.namespace ?? 'default', podLabelsOf(w), rootNamespace)) ||
          targetScopeFor(policy, serviceKeys, waypointKeys),
      );
    const hosts = services.map(s => fullyQualifiedHost(s.metadata.name, s.metadata.namespace ?? 'default'));
    const routing = [...new Set(hosts.flatMap(host => [...(this.byHost.get(host) ?? [])]))];
    const gatewayKeys = new Set(
      routing
        .filter(o => o.kind === 'VirtualService')
        .flatMap(vs =>
          (vs.spec?.gateways ?? []).filter((g: string) => g !== 'mesh').map((g: string) => (g.includes('/') ? g : `${vs.metadata.namespace}/${g}`)),
        ),
    );
    const gateways = [...gatewayKeys]
      .map(ref => this.objects.get('Gateway', ref.split('/')[0], ref.split('/')[1]))
      .filter((g): g is AnalyzedObject => Boolean(g));
    const slice = {
      namespaces: namespaceObjects,
      pods,
      controllers,
      services,
      policies,
      networking: [...routing, ...gateways],
    };
    const objects = [...slice.namespaces, ...slice.controllers, ...slice.pods, ...slice.services, ...slice.policies, ...slice.networking, ...ambient.waypoints];
    const revision = slice.namespaces.map(ns => namespaceInjectionMode(ns.metadata.labels ?? {}).revision).find(Boolean);
    const injector = this.objects.get('ConfigMap', rootNamespace, injectorConfigMapName(revision));
    const proxyDefaults = injector && this.proxyDefaultsOf(injector);
    const sidecars = [...new Set([...namespaces, rootNamespace])].flatMap(ns => this.objects.inNamespace('Sidecar', ns));
    const meshOutboundPolicy = outboundPolicyOf(this.objects.get('ConfigMap', rootNamespace, 'istio'));
    const findings = this.findingsFor(objects, rootNamespace, unavailableKinds);
    return {
      ...slice,
      ...ambient,
      sidecars,
      ...(meshOutboundPolicy ? { meshOutboundPolicy } : {}),
      ...(findings ? { findings } : { findings: [], findingsPending: true }),
      ...(proxyDefaults ? { proxyDefaults } : {}),
    };
  }
}

const STATUS_KINDS = new Set<string>(MESH_STATUS_KINDS);

function findingsByResource(findings: Finding[]): Map<string, Finding[]> {
  const byResource = new Map<string, Finding[]>();
  for (const finding of findings) byResource.set(finding.resource, [...(byResource.get(finding.resource) ?? []), finding]);
  return byResource;
}

/**
 * A store from documents as `kubectl get -o yaml` writes them (single objects or `kind: List`), keeping
 * the kinds Meshport reads. What the snapshot source and `meshport status` use.
 *
 * @public
 */
export function storeFromDocuments(documents: unknown[]): ClusterObjectStore {
  const store = new ClusterObjectStore();
  for (const document of expandLists(documents) as any[]) {
    if (document && STATUS_KINDS.has(kindKey(document)) && document.metadata?.name) store.upsert(document);
  }
  return store;
}
