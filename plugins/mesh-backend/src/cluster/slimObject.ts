/** Container environment variables an analyzer reads (istiod's JWKS fetch restriction, IST0175). */
const ANALYZED_ENV = new Set(['BLOCKED_CIDRS_IN_JWKS_URIS']);

/** The annotations Istio reads and Meshport's own (a canary's thresholds), less the injector's record of what it did (large, and never read). */
function istioAnnotations(annotations: Record<string, string> | undefined): Record<string, string> {
  return Object.fromEntries(
    Object.entries(annotations ?? {}).filter(([key]) => (key.includes('istio.io/') || key.startsWith('meshport.io/')) && key !== 'sidecar.istio.io/status'),
  );
}

/**
 * Keeps only what the status analysis reads, so that a cache of a large cluster stays small: names,
 * labels, the annotations Istio reads, container names/images/ports/resources, service accounts, readiness and restarts,
 * and the spec of Istio's own objects (small, and read whole by the analyzers). `share` gives the one
 * copy of a value that many objects hold (the labels, containers and status of a workload's replicas).
 */
export function slimObject(kind: string, apiVersion: string, object: Record<string, any>, share: <T>(value: T) => T = value => value): Record<string, any> {
  const metadata = object.metadata ?? {};
  const annotations = istioAnnotations(metadata.annotations);
  const slimMetadata = {
    name: metadata.name,
    namespace: metadata.namespace,
    labels: share(metadata.labels),
    ...(Object.keys(annotations).length > 0 ? { annotations: share(annotations) } : {}),
    creationTimestamp: metadata.creationTimestamp,
  };
  // The user a container or pod runs as: UID 1337 is the sidecar's (IST0144).
  const runAsUser = (holder: any) =>
    holder?.securityContext?.runAsUser !== undefined ? { securityContext: { runAsUser: holder.securityContext.runAsUser } } : {};
  const env = (c: any) => (c?.env ?? []).filter((e: any) => ANALYZED_ENV.has(e?.name)).map((e: any) => ({ name: e.name, value: e.value }));
  const container = (c: any) => ({
    name: c?.name,
    image: c?.image,
    ports: c?.ports?.map((p: any) => ({ containerPort: p.containerPort, name: p.name })),
    resources: c?.resources,
    restartPolicy: c?.restartPolicy,
    ...(env(c).length > 0 ? { env: env(c) } : {}),
    ...runAsUser(c),
  });
  const containerStatus = (s: any) => ({ name: s?.name, image: s?.image, ready: s?.ready, restartCount: s?.restartCount });
  // Init containers matter only as native sidecars (restartPolicy Always) or Istio's own.
  const initContainers = (object.spec?.initContainers ?? []).filter((c: any) => c?.restartPolicy === 'Always' || c?.name === 'istio-proxy');
  const base = { apiVersion, kind, metadata: slimMetadata };
  switch (kind) {
    case 'Pod':
      return {
        ...base,
        spec: {
          containers: share((object.spec?.containers ?? []).map(container)),
          initContainers: share(initContainers.map(container)),
          serviceAccountName: object.spec?.serviceAccountName,
          hostNetwork: object.spec?.hostNetwork,
          nodeName: object.spec?.nodeName,
          ...runAsUser(object.spec),
        },
        status: share({
          phase: object.status?.phase,
          conditions: (object.status?.conditions ?? []).filter((c: any) => c?.type === 'Ready').map((c: any) => ({ type: c.type, status: c.status })),
          containerStatuses: (object.status?.containerStatuses ?? []).map(containerStatus),
          initContainerStatuses: (object.status?.initContainerStatuses ?? [])
            .filter((st: any) => initContainers.some((c: any) => c?.name === st?.name))
            .map(containerStatus),
        }),
      };
    case 'Deployment':
    case 'StatefulSet':
    case 'DaemonSet':
    case 'Rollout': {
      const template = object.spec?.template ?? {};
      const templateAnnotations = istioAnnotations(template.metadata?.annotations);
      return {
        ...base,
        spec: {
          replicas: object.spec?.replicas,
          selector: object.spec?.selector,
          // The service account too: Meshport's patch sets it, and the merged patch is compared with this.
          template: {
            metadata: { labels: template.metadata?.labels, annotations: templateAnnotations },
            spec: {
              containers: (template.spec?.containers ?? []).map(container),
              serviceAccountName: template.spec?.serviceAccountName,
              ...runAsUser(template.spec),
            },
          },
        },
        status: {
          replicas: object.status?.replicas,
          readyReplicas: object.status?.readyReplicas,
          ...(kind === 'DaemonSet' ? { desiredNumberScheduled: object.status?.desiredNumberScheduled, numberReady: object.status?.numberReady } : {}),
        },
      };
    }
    case 'Service':
      return { ...base, spec: { selector: object.spec?.selector, ports: object.spec?.ports, type: object.spec?.type } };
    case 'Namespace':
      return base;
    case 'Application':
      // Argo CD: where it reads (its sources' paths) and how it stands.
      return {
        ...base,
        spec: {
          source: object.spec?.source && { repoURL: object.spec.source.repoURL, path: object.spec.source.path },
          sources: object.spec?.sources?.map((s: any) => ({ repoURL: s?.repoURL, path: s?.path })),
        },
        status: {
          sync: { status: object.status?.sync?.status, revision: object.status?.sync?.revision },
          health: { status: object.status?.health?.status, message: object.status?.health?.message },
        },
      };
    case 'Kustomization':
      // Flux: its path and its Ready condition.
      return {
        ...base,
        spec: { path: object.spec?.path, sourceRef: object.spec?.sourceRef },
        status: {
          lastAppliedRevision: object.status?.lastAppliedRevision,
          conditions: (object.status?.conditions ?? [])
            .filter((c: any) => c?.type === 'Ready')
            .map((c: any) => ({ type: c.type, status: c.status, reason: c.reason, message: c.message })),
        },
      };
    case 'ConfigMap':
      // The injector's values, the mesh config and the mesh's root certificate (what istiod's xDS port presents
      // is checked against it); not the injection templates (large, and not read).
      return { ...base, data: { values: object.data?.values, mesh: object.data?.mesh, 'root-cert.pem': object.data?.['root-cert.pem'] } };
    default:
      return { ...base, spec: object.spec };
  }
}
