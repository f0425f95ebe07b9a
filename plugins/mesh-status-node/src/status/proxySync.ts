import { ProxySync, WorkloadsStatus } from '@meshport/plugin-mesh-common';

/** The xDS types istiod's /debug/syncz reports per proxy, as its JSON names them. */
const TYPES = ['cluster', 'listener', 'route', 'endpoint'] as const;

/** istioctl proxy-status's rule for one type: nothing sent; sent and acknowledged; or stale (acknowledged late, or never). */
function typeState(sent: unknown, acked: unknown): 'synced' | 'stale' | 'not-sent' {
  if (!sent) return 'not-sent';
  return sent === acked ? 'synced' : 'stale';
}

/**
 * Each connected proxy's configuration sync, from istiod's /debug/syncz answer, by "namespace/pod" (its
 * `proxy` field is "pod.namespace"): stale when istiod sent a type the proxy has not acknowledged.
 *
 * @public
 */
export function proxySyncFrom(syncz: unknown): Map<string, ProxySync> {
  const byPod = new Map<string, ProxySync>();
  for (const entry of Array.isArray(syncz) ? syncz : []) {
    const proxy = String((entry as Record<string, unknown>)?.proxy ?? '');
    const dot = proxy.lastIndexOf('.');
    if (dot <= 0) continue;
    const states = TYPES.map(type => [type, typeState((entry as any)[`${type}_sent`], (entry as any)[`${type}_acked`])] as const);
    const stale = states.filter(([, state]) => state === 'stale').map(([type]) => type);
    let state: ProxySync['state'] = 'synced';
    if (stale.length > 0) state = 'stale';
    else if (states.some(([, typeStateOf]) => typeStateOf === 'not-sent')) state = 'not-sent';
    byPod.set(`${proxy.slice(dot + 1)}/${proxy.slice(0, dot)}`, {
      state,
      ...(stale.length > 0 ? { stale } : {}),
      ...((entry as any)?.istio_version ? { istioVersion: String((entry as any).istio_version) } : {}),
    });
  }
  return byPod;
}

/** The xDS resource types of a syncz ClientConfig, by the names the HTTP answer gives them. */
const TYPE_URLS: Record<string, (typeof TYPES)[number]> = {
  'type.googleapis.com/envoy.config.cluster.v3.Cluster': 'cluster',
  'type.googleapis.com/envoy.config.listener.v3.Listener': 'listener',
  'type.googleapis.com/envoy.config.route.v3.RouteConfiguration': 'route',
  'type.googleapis.com/envoy.config.endpoint.v3.ClusterLoadAssignment': 'endpoint',
};

/**
 * One proxy of istiod's syncz answer over xDS (an envoy.service.status.v3.ClientConfig, protobuf field names).
 *
 * @public
 */
export interface SynczClientConfig {
  /** "pod.namespace", with the proxy's ISTIO_VERSION in its metadata. */
  node?: { id?: string; metadata?: { fields?: Record<string, { string_value?: string }> } };
  /** Each xDS type the proxy subscribed to and its ConfigStatus (SYNCED, NOT_SENT, STALE, ERROR). */
  generic_xds_configs?: Array<{ type_url?: string; config_status?: string }>;
}

/**
 * Each connected proxy's configuration sync, from istiod's syncz answer over xDS (pilot/pkg/xds/statusgen.go:
 * node.id "pod.namespace", ISTIO_VERSION in its metadata, a config_status per type): stale where a type
 * is STALE, or ERROR (the proxy rejected it and runs what it had before); not-sent where one is NOT_SENT.
 *
 * @public
 */
export function proxySyncFromClientConfigs(configs: SynczClientConfig[]): Map<string, ProxySync> {
  const byPod = new Map<string, ProxySync>();
  for (const config of configs) {
    const id = config.node?.id ?? '';
    const dot = id.lastIndexOf('.');
    if (dot <= 0) continue;
    const states = (config.generic_xds_configs ?? []).flatMap(entry => {
      const type = TYPE_URLS[entry.type_url ?? ''];
      return type ? [[type, entry.config_status ?? 'UNKNOWN'] as const] : [];
    });
    const stale = states.filter(([, status]) => status === 'STALE' || status === 'ERROR').map(([type]) => type);
    let state: ProxySync['state'] = 'synced';
    if (stale.length > 0) state = 'stale';
    else if (states.some(([, status]) => status === 'NOT_SENT')) state = 'not-sent';
    const istioVersion = config.node?.metadata?.fields?.ISTIO_VERSION?.string_value;
    byPod.set(`${id.slice(dot + 1)}/${id.slice(0, dot)}`, { state, ...(stale.length > 0 ? { stale } : {}), ...(istioVersion ? { istioVersion } : {}) });
  }
  return byPod;
}

/**
 * What istiod said of the proxies' sync, or why it could not be asked.
 *
 * @public
 */
export type ProxySyncView = { byPod: ReadonlyMap<string, ProxySync>; source?: string } | { unavailable: string };

/** The pods' proxies with their sync, and how many are stale; the reason when istiod could not be read. */
export function withProxySync(workloads: WorkloadsStatus, view: ProxySyncView | undefined): WorkloadsStatus {
  if (!view) return workloads;
  if ('unavailable' in view) return { ...workloads, proxySyncUnavailable: view.unavailable };
  const pods = workloads.pods.map(pod => {
    const sync = pod.proxy && view.byPod.get(`${pod.namespace}/${pod.name}`);
    return sync ? { ...pod, proxy: { ...pod.proxy!, sync } } : pod;
  });
  return {
    ...workloads,
    pods,
    staleProxies: pods.filter(pod => pod.proxy?.sync?.state === 'stale').length,
    ...(view.source ? { proxySyncSource: view.source } : {}),
  };
}
