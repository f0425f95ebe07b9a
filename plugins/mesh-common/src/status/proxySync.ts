import { ProxySync, WorkloadsStatus } from '../api/statusTypes';

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

/**
 * What istiod said of the proxies' sync, or why it could not be asked.
 *
 * @public
 */
export type ProxySyncView = { byPod: ReadonlyMap<string, ProxySync> } | { unavailable: string };

/** The pods' proxies with their sync, and how many are stale; the reason when istiod could not be read. */
export function withProxySync(workloads: WorkloadsStatus, view: ProxySyncView | undefined): WorkloadsStatus {
  if (!view) return workloads;
  if ('unavailable' in view) return { ...workloads, proxySyncUnavailable: view.unavailable };
  const pods = workloads.pods.map(pod => {
    const sync = pod.proxy && view.byPod.get(`${pod.namespace}/${pod.name}`);
    return sync ? { ...pod, proxy: { ...pod.proxy!, sync } } : pod;
  });
  return { ...workloads, pods, staleProxies: pods.filter(pod => pod.proxy?.sync?.state === 'stale').length };
}
