import {
  AnalyzedObject,
  kindKey,
  podLabelsOf,
  POD_RUNNING_KINDS,
  DATAPLANE_MODE_LABEL,
  namespaceInAmbientMode,
  namespaceInjectionMode,
  SIDECAR_INJECT,
  selectorMatches,
  WaypointRef,
} from '@meshport/istio-config';
import { serviceWaypoint } from '@meshport/istio-config';

/** The objects a traffic explanation reads, by kind. */
export interface TrafficObjects {
  all: AnalyzedObject[];
  ofKind(kind: string): AnalyzedObject[];
}

/** Groups objects by kind once (a Gateway API Gateway is "KubernetesGateway"). */
export function trafficObjects(objects: AnalyzedObject[]): TrafficObjects {
  const byKind = new Map<string, AnalyzedObject[]>();
  for (const object of objects) {
    const kind = kindKey(object);
    byKind.set(kind, [...(byKind.get(kind) ?? []), object]);
  }
  return { all: objects, ofKind: kind => byKind.get(kind) ?? [] };
}

/** The destination of a request: a Service of the mesh (with its workloads) or an external host. */
export interface Destination {
  host: string;
  /** For a Service of the cluster. */
  service?: { name: string; namespace: string; object?: AnalyzedObject; targetPort: number };
  /** The labels its pods carry (the Service's selector), and the workloads found with them. */
  labels: Record<string, string>;
  workloads: AnalyzedObject[];
  dataPlane: 'sidecar' | 'ambient' | 'none';
  waypoint?: WaypointRef;
  /** A ServiceEntry that declares the host, for a host outside the cluster's Services. */
  serviceEntry?: AnalyzedObject;
}

/** "name.namespace.svc.<domain>" → its name and namespace; a short name is in the caller's namespace. */
export function serviceNameOf(host: string, callerNamespace: string, clusterDomain: string): { name: string; namespace: string } | undefined {
  const suffix = `.svc.${clusterDomain}`;
  const bare = host.endsWith(suffix) ? host.slice(0, -suffix.length) : host;
  const parts = bare.split('.');
  if (parts.length === 1 && !host.includes('.')) return { name: parts[0], namespace: callerNamespace };
  if (parts.length === 2) return { name: parts[0], namespace: parts[1] };
  return undefined;
}

/** Whether a host pattern of a ServiceEntry ("*.example.com" or exact) covers a host. */
function hostCovers(pattern: string, host: string): boolean {
  return pattern === host || (pattern.startsWith('*') && host.endsWith(pattern.slice(1)));
}

/**
 * The data plane of a service's pods, as istiod and the CNI agent decide it: a pod template's own
 * `istio.io/dataplane-mode` or `sidecar.istio.io/inject`, else its namespace's labels (injection wins
 * over ambient: pkg/kube/inject, cni/pkg/plugin). Unknown without workloads or namespace.
 */
function dataPlaneOf(workloads: AnalyzedObject[], namespace: AnalyzedObject | undefined): Destination['dataPlane'] | undefined {
  for (const workload of workloads) {
    const labels = podLabelsOf(workload);
    const annotations = (workload.kind === 'Pod' ? workload.metadata.annotations : workload.spec?.template?.metadata?.annotations) ?? {};
    const inject = labels[SIDECAR_INJECT] ?? annotations[SIDECAR_INJECT];
    if (inject === 'true') return 'sidecar';
    if (labels[DATAPLANE_MODE_LABEL] === 'ambient') return 'ambient';
    if (labels[DATAPLANE_MODE_LABEL] === 'none') return 'none';
  }
  if (!namespace) return undefined;
  const { mode } = namespaceInjectionMode(namespace.metadata.labels ?? {});
  if (mode === 'label' || mode === 'revision') return 'sidecar';
  return namespaceInAmbientMode(namespace) ? 'ambient' : 'none';
}

/**
 * Resolves a request's host against the objects: the Service (its selector, its workloads, the target
 * port, its waypoint) or the ServiceEntry that declares it. What is missing is assumed and said.
 */
export function resolveDestination(
  objects: TrafficObjects,
  host: string,
  port: number,
  callerNamespace: string,
  clusterDomain: string,
  assumptions: string[],
): Destination {
  const names = serviceNameOf(host, callerNamespace, clusterDomain);
  if (!names) {
    const serviceEntry = objects.ofKind('ServiceEntry').find(entry => (entry.spec?.hosts ?? []).some((pattern: string) => hostCovers(pattern, host)));
    return { host, labels: {}, workloads: [], dataPlane: 'none', ...(serviceEntry ? { serviceEntry } : {}) };
  }
  const fqdn = `${names.name}.${names.namespace}.svc.${clusterDomain}`;
  const service = objects.ofKind('Service').find(s => s.metadata.name === names.name && (s.metadata.namespace ?? 'default') === names.namespace);
  const servicePort = (service?.spec?.ports ?? []).find((p: any) => p?.port === port);
  const targetPort = typeof servicePort?.targetPort === 'number' ? servicePort.targetPort : port;
  let labels: Record<string, string> = service?.spec?.selector ?? {};
  if (!service?.spec?.selector) {
    labels = { app: names.name };
    assumptions.push(`no Service ${names.namespace}/${names.name} with a selector among the objects: its pods are taken to carry app=${names.name}`);
  }
  const workloads = objects
    .ofKind('Pod')
    .concat(...POD_RUNNING_KINDS.filter(kind => kind !== 'Pod').map(kind => objects.ofKind(kind)))
    .filter(w => (w.metadata.namespace ?? 'default') === names.namespace && selectorMatches(labels, podLabelsOf(w)));
  const namespace = objects.ofKind('Namespace').find(ns => ns.metadata.name === names.namespace);
  let dataPlane = dataPlaneOf(workloads, namespace);
  if (!dataPlane) {
    dataPlane = 'sidecar';
    assumptions.push(`neither the workloads of ${fqdn} nor namespace ${names.namespace} are among the objects: its pods are taken to have sidecars`);
  }
  const waypoints = objects.ofKind('KubernetesGateway').filter(g => g.spec?.gatewayClassName === 'istio-waypoint');
  const waypoint =
    dataPlane === 'ambient'
      ? serviceWaypoint(service ?? { kind: 'Service', metadata: { name: names.name, namespace: names.namespace } }, {
          namespaces: objects.ofKind('Namespace'),
          waypoints,
        })
      : undefined;
  return {
    host: fqdn,
    service: { ...names, ...(service ? { object: service } : {}), targetPort },
    labels,
    workloads,
    dataPlane,
    ...(waypoint ? { waypoint } : {}),
  };
}
