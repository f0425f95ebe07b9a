import { ContainerResourceAmounts, injectorProxyDefaults, EntityTarget } from '@meshport/plugin-mesh-common';
import {
  Finding,
  outboundPolicyOf,
  AnalyzedObject,
  kindKey,
  podLabelsOf,
  POD_RUNNING_KINDS,
  ObjectIndex,
  injectorConfigMapName,
  K8S_GATEWAY_NAME_LABEL,
  namespaceInjectionMode,
  namedWaypoints,
  ZTUNNEL_POD_LABEL,
  expandLists,
  equalityLabels,
  matchesLabelSelector,
  servicesForPods,
  WORKLOAD_KINDS,
} from '@meshport/istio-config';
import { AnalysisMode, ClusterAnalysis } from './clusterAnalysis';
import { fullyQualifiedHost } from './hosts';
import { PodsPerNode } from './podsPerNode';
import { RouteHostIndex } from './routeHosts';
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
  private readonly analysis: ClusterAnalysis;
  /** The proxy defaults read from each injector ConfigMap object, so that its JSON is parsed once, not per request. */
  private readonly proxyDefaultsByInjector = new WeakMap<AnalyzedObject, ContainerResourceAmounts | undefined>();
  private readonly routeHosts = new RouteHostIndex();
  private readonly podsPerNode = new PodsPerNode();

  /**
   * @param kinds - the kinds this store holds completely: analyzers that need others do not run.
   * @param analysisIntervalMs - how old a cluster-wide analysis may be before a change makes it run again.
   * @param analysisMode - `inline`: the first request runs the analysis and waits for it (a snapshot, the
   *   CLI); `background`: it runs one analyzer per turn of the event loop while requests are answered, the
   *   first ones with the findings pending (the live cache, whose first analysis of a large cluster takes seconds).
   */
  constructor(private readonly kinds: readonly string[] = MESH_STATUS_KINDS, analysisIntervalMs = 2000, analysisMode: AnalysisMode = 'inline') {
    this.analysis = new ClusterAnalysis({ all: () => this.objects.all(), revision: () => this.revision }, analysisIntervalMs, analysisMode);
  }

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
    return this.analysis.findingsFor(
      objects,
      rootNamespace,
      this.kinds.filter(kind => !unavailableKinds.includes(kind)),
    );
  }

  /** Starts the cluster's analysis in the background, unless one runs (the live cache starts it once its lists are in). */
  analyzeInBackground(rootNamespace: string, kinds: string[]): void {
    this.analysis.analyzeInBackground(rootNamespace, kinds);
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
    this.routeHosts.add(object);
    this.podsPerNode.count(object, 1);
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
    this.routeHosts.remove(object);
    this.podsPerNode.count(object, -1);
  }

  /** How many keys the indexes hold, for tests that check nothing is left behind. */
  get indexKeys(): number {
    return this.objects.keyCount + this.routeHosts.size + this.podsPerNode.size;
  }

  /** Replaces every object of a kind, as `kindKey` gives it (after a full list). */
  replaceKind(kind: string, objects: AnalyzedObject[]): void {
    for (const object of this.objects.ofKind(kind)) this.remove(kind, object.metadata.namespace, object.metadata.name);
    for (const object of objects) this.upsert(object);
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
    const podsOnNodes = new Map([...nodes].map(node => [node, this.podsPerNode.on(node)]));
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
    const routing = [...new Set(hosts.flatMap(host => [...this.routeHosts.routesTo(host)]))];
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
