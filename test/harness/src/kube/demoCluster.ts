/**
 * A realistic Istio cluster for the demo portal, the CLI and the tests: objects as `kubectl get -o yaml`
 * shows them. payment-service runs a canary (v1 with classic sidecars, v2 with a native sidecar) under
 * PeerAuthentications at three levels; order-service runs what the demo GitOps repository holds for it
 * (demoGitops.ts: its callers in dry run), but for its Sidecar's newest host; user-service is not onboarded;
 * inventory-service is in ambient mode, behind a waypoint, with ztunnel on every node.
 */

import { DEMO_SCOPE_NOT_APPLIED, demoOrderServiceRender } from './demoGitops';

const PROXY_IMAGE = 'docker.io/istio/proxyv2:1.30.0';
const CREATED = '2026-11-02T09:00:00Z';

type Obj = Record<string, any>;

function namespace(name: string, labels: Record<string, string> = {}): Obj {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name, labels: { 'kubernetes.io/metadata.name': name, ...labels }, creationTimestamp: CREATED },
    status: { phase: 'Active' },
  };
}

interface WorkloadSpec {
  app: string;
  namespace: string;
  version: string;
  replicas: number;
  /** A classic or native sidecar, ambient (redirected to the node's ztunnel by the CNI agent), or nothing. */
  sidecar: 'classic' | 'native' | 'ambient' | 'none';
  port: number;
  appResources: { requests: Obj; limits: Obj };
  serviceAccount: string;
  notReadyProxy?: number;
  /** The Deployment's name when it is not `<app>-<version>`, and what its pod template carries besides app and version. */
  deployment?: string;
  template?: { labels?: Record<string, string>; annotations?: Record<string, string> };
}

const deploymentName = (spec: WorkloadSpec) => spec.deployment ?? `${spec.app}-${spec.version}`;

const PROXY_RESOURCES = { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } };

function proxyContainer(native: boolean): Obj {
  return {
    name: 'istio-proxy',
    image: PROXY_IMAGE,
    args: ['proxy', 'sidecar', '--domain', '$(POD_NAMESPACE).svc.cluster.local', '--proxyLogLevel=warning'],
    ports: [{ containerPort: 15090, name: 'http-envoy-prom', protocol: 'TCP' }],
    resources: PROXY_RESOURCES,
    readinessProbe: { httpGet: { path: '/healthz/ready', port: 15021 }, periodSeconds: 15 },
    ...(native ? { restartPolicy: 'Always' } : {}),
  };
}

function podTemplateLabels(spec: WorkloadSpec): Record<string, string> {
  return { app: spec.app, version: spec.version, 'backstage.io/kubernetes-id': spec.app, ...spec.template?.labels };
}

function deployment(spec: WorkloadSpec): Obj {
  const name = deploymentName(spec);
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name,
      namespace: spec.namespace,
      labels: { app: spec.app, version: spec.version, 'backstage.io/kubernetes-id': spec.app },
      creationTimestamp: CREATED,
      generation: 3,
    },
    spec: {
      replicas: spec.replicas,
      selector: { matchLabels: { app: spec.app, version: spec.version } },
      template: {
        metadata: {
          labels: podTemplateLabels(spec),
          annotations: {
            ...(spec.sidecar === 'ambient'
              ? {}
              : {
                  'sidecar.istio.io/proxyCPU': '100m',
                  'sidecar.istio.io/proxyMemory': '128Mi',
                  'sidecar.istio.io/proxyCPULimit': '500m',
                  'sidecar.istio.io/proxyMemoryLimit': '256Mi',
                }),
            ...spec.template?.annotations,
          },
        },
        spec: {
          serviceAccountName: spec.serviceAccount,
          containers: [
            {
              name: spec.app,
              image: `registry.example.com/shop/${spec.app}:${spec.version}`,
              ports: [
                { containerPort: spec.port, name: 'http' },
                { containerPort: 9090, name: 'grpc-admin' },
              ],
              resources: spec.appResources,
            },
          ],
        },
      },
    },
    status: {
      replicas: spec.replicas,
      readyReplicas: spec.replicas - (spec.notReadyProxy ?? 0),
      availableReplicas: spec.replicas - (spec.notReadyProxy ?? 0),
      observedGeneration: 3,
    },
  };
}

/** What the injector (a sidecar's status and scrape settings) or the ambient CNI agent (its redirection) writes on a pod. */
function podAnnotations(dataPlane: WorkloadSpec['sidecar']): Record<string, string> {
  if (dataPlane === 'ambient') return { 'ambient.istio.io/redirection': 'enabled' };
  if (dataPlane === 'none') return {};
  return {
    'sidecar.istio.io/status':
      '{"initContainers":["istio-init"],"containers":["istio-proxy"],"volumes":["istio-envoy","istio-data","istio-podinfo","istio-token","istiod-ca-cert"],"revision":"default"}',
    'prometheus.io/path': '/stats/prometheus',
    'prometheus.io/port': '15020',
    'prometheus.io/scrape': 'true',
  };
}

function pods(spec: WorkloadSpec): Obj[] {
  const hash = spec.version === 'v1' ? '7d9c5b8f4' : '5f6b9d7c2';
  return Array.from({ length: spec.replicas }, (_, i) => {
    const name = `${deploymentName(spec)}-${hash}-${['x7k2p', 'q9m4t', 'b3n8w', 'h5r1z'][i]}`;
    const proxyReady = i >= (spec.notReadyProxy ?? 0);
    const app = {
      name: spec.app,
      image: `registry.example.com/shop/${spec.app}:${spec.version}`,
      ports: [
        { containerPort: spec.port, name: 'http', protocol: 'TCP' },
        { containerPort: 9090, name: 'grpc-admin', protocol: 'TCP' },
      ],
      resources: spec.appResources,
    };
    const appStatus = {
      name: spec.app,
      image: app.image,
      ready: true,
      restartCount: i === 0 ? 1 : 0,
      started: true,
      state: { running: { startedAt: CREATED } },
    };
    const proxyStatus = {
      name: 'istio-proxy',
      image: PROXY_IMAGE,
      ready: proxyReady,
      restartCount: proxyReady ? 0 : 4,
      started: true,
      state: { running: { startedAt: CREATED } },
    };
    const injected = spec.sidecar === 'classic' || spec.sidecar === 'native';
    const initContainers: Obj[] = injected ? [{ name: 'istio-init', image: PROXY_IMAGE, args: ['istio-iptables', '-p', '15001', '-z', '15006'] }] : [];
    if (spec.sidecar === 'native') initContainers.push(proxyContainer(true));
    const ready = proxyReady;
    return {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name,
        namespace: spec.namespace,
        labels: {
          ...podTemplateLabels(spec),
          'pod-template-hash': hash,
          ...(injected
            ? { 'security.istio.io/tlsMode': 'istio', 'service.istio.io/canonical-name': spec.app, 'service.istio.io/canonical-revision': spec.version }
            : {}),
        },
        annotations: podAnnotations(spec.sidecar),
        ownerReferences: [
          {
            apiVersion: 'apps/v1',
            kind: 'ReplicaSet',
            name: `${deploymentName(spec)}-${hash}`,
            controller: true,
            blockOwnerDeletion: true,
            uid: `rs-${deploymentName(spec)}`,
          },
        ],
        creationTimestamp: CREATED,
      },
      spec: {
        serviceAccountName: spec.serviceAccount,
        nodeName: `node-${(i % 3) + 1}`,
        initContainers,
        containers: spec.sidecar === 'classic' ? [app, proxyContainer(false)] : [app],
      },
      status: {
        phase: 'Running',
        podIP: `10.244.${i + 1}.${spec.port % 200}`,
        conditions: [
          { type: 'Initialized', status: 'True' },
          { type: 'Ready', status: ready ? 'True' : 'False' },
          { type: 'ContainersReady', status: ready ? 'True' : 'False' },
          { type: 'PodScheduled', status: 'True' },
        ],
        containerStatuses: spec.sidecar === 'classic' ? [appStatus, proxyStatus] : [appStatus],
        initContainerStatuses: [
          ...(injected
            ? [{ name: 'istio-init', image: PROXY_IMAGE, ready: true, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } }]
            : []),
          ...(spec.sidecar === 'native' ? [proxyStatus] : []),
        ],
      },
    };
  });
}

function service(app: string, ns: string, port: number, labels: Record<string, string> = {}): Obj {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: app, namespace: ns, labels: { app, 'backstage.io/kubernetes-id': app, ...labels }, creationTimestamp: CREATED },
    spec: {
      type: 'ClusterIP',
      clusterIP: '10.96.12.34',
      selector: { app },
      ports: [
        { name: 'http', port: 80, targetPort: port, protocol: 'TCP' },
        { name: 'grpc-admin', port: 9090, targetPort: 9090, protocol: 'TCP' },
      ],
    },
  };
}

function istio(kind: string, group: 'security' | 'networking', name: string, ns: string, spec: Obj, created = CREATED): Obj {
  return {
    apiVersion: `${group}.istio.io/v1`,
    kind,
    metadata: { name, namespace: ns, creationTimestamp: created, labels: { 'app.kubernetes.io/managed-by': 'meshport' } },
    spec,
  };
}

const NODES = ['node-1', 'node-2', 'node-3'];

const RUNNING_AND_READY: Obj = { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] };

/** ztunnel as Istio's chart installs it: a DaemonSet in istio-system with a pod on every node. */
function ztunnel(): Obj[] {
  const resources = { requests: { cpu: '200m', memory: '512Mi' } };
  const container = { name: 'istio-proxy', image: 'docker.io/istio/ztunnel:1.30.0', resources };
  const daemonSet = {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'ztunnel', namespace: 'istio-system', labels: { app: 'ztunnel' }, creationTimestamp: '2026-10-01T08:00:00Z' },
    spec: { selector: { matchLabels: { app: 'ztunnel' } }, template: { metadata: { labels: { app: 'ztunnel' } }, spec: { containers: [container] } } },
    status: { desiredNumberScheduled: NODES.length, numberReady: NODES.length },
  };
  const ztunnelPods = NODES.map((node, i) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `ztunnel-${['4kx9p', 'm2v7d', 'r8q3n'][i]}`,
      namespace: 'istio-system',
      labels: { app: 'ztunnel' },
      creationTimestamp: '2026-10-01T08:00:00Z',
    },
    spec: { nodeName: node, containers: [container], serviceAccountName: 'ztunnel' },
    status: { ...RUNNING_AND_READY, containerStatuses: [{ name: 'istio-proxy', image: container.image, ready: true, restartCount: 0 }] },
  }));
  return [daemonSet, ...ztunnelPods];
}

/** A waypoint for a service, as istiod deploys it for a Gateway of class istio-waypoint: the Gateway, and its Deployment's pod. */
function waypoint(name: string, ns: string): Obj[] {
  const labels = { 'gateway.networking.k8s.io/gateway-name': name, 'gateway.istio.io/managed': 'istio.io-mesh-controller' };
  const container = {
    name: 'istio-proxy',
    image: PROXY_IMAGE,
    ports: [{ containerPort: 15008, name: 'hbone', protocol: 'TCP' }],
    resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '2', memory: '1Gi' } },
  };
  return [
    {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: { name, namespace: ns, labels: { 'istio.io/waypoint-for': 'service', 'app.kubernetes.io/managed-by': 'meshport' }, creationTimestamp: CREATED },
      spec: { gatewayClassName: 'istio-waypoint', listeners: [{ name: 'mesh', port: 15008, protocol: 'HBONE' }] },
      status: { conditions: [{ type: 'Programmed', status: 'True', reason: 'Programmed' }] },
    },
    {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: `${name}-6c8d9f7b5-t2w4x`, namespace: ns, labels, creationTimestamp: CREATED },
      spec: { nodeName: NODES[0], serviceAccountName: name, containers: [container] },
      status: { ...RUNNING_AND_READY, containerStatuses: [{ name: 'istio-proxy', image: PROXY_IMAGE, ready: true, restartCount: 0 }] },
    },
  ];
}

const APP_RESOURCES = { requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '1', memory: '512Mi' } };

/**
 * order-service's Sidecar as the cluster still has it: its proxies learn its namespace, istio-system and
 * payment-service, not yet the user-service host the merged scope adds (the Mesh tab shows it drifted).
 */
function withEarlierScope(object: Obj): Obj {
  if (object.kind !== 'Sidecar') return object;
  const egress = object.spec.egress.map((listener: Obj) => ({ ...listener, hosts: listener.hosts.filter((host: string) => host !== DEMO_SCOPE_NOT_APPLIED) }));
  return { ...object, spec: { ...object.spec, egress } };
}

/** Every object of the demo cluster. */
export function demoClusterObjects(): Obj[] {
  const payments: WorkloadSpec = {
    app: 'payment-service',
    namespace: 'payments',
    version: 'v1',
    replicas: 3,
    sidecar: 'classic',
    port: 8080,
    appResources: APP_RESOURCES,
    serviceAccount: 'payment-service',
  };
  const paymentsCanary: WorkloadSpec = { ...payments, version: 'v2', replicas: 1, sidecar: 'native' };
  // order-service runs what the demo GitOps repository's main branch holds for it, but for the scope's newest host.
  const merged = demoOrderServiceRender();
  const orders: WorkloadSpec = {
    app: 'order-service',
    namespace: 'orders',
    version: 'v1',
    replicas: 2,
    sidecar: 'classic',
    port: 8080,
    appResources: APP_RESOURCES,
    serviceAccount: 'order-service',
    notReadyProxy: 1,
    deployment: merged.deploymentPatch.metadata.name,
    template: merged.deploymentPatch.spec.template.metadata,
  };
  const users: WorkloadSpec = {
    app: 'user-service',
    namespace: 'users',
    version: 'v1',
    replicas: 2,
    sidecar: 'none',
    port: 8080,
    appResources: APP_RESOURCES,
    serviceAccount: 'user-service',
  };
  const inventory: WorkloadSpec = {
    app: 'inventory-service',
    namespace: 'inventory',
    version: 'v1',
    replicas: 3,
    sidecar: 'ambient',
    port: 8080,
    appResources: APP_RESOURCES,
    serviceAccount: 'inventory-service',
  };
  return [
    namespace('istio-system'),
    namespace('payments', { 'istio-injection': 'enabled' }),
    namespace('orders', { 'istio.io/rev': 'default' }),
    namespace('users'),
    namespace('inventory', { 'istio.io/dataplane-mode': 'ambient' }),
    ...[payments, paymentsCanary, orders, users, inventory].flatMap(spec => [deployment(spec), ...pods(spec)]),
    service('payment-service', 'payments', 8080),
    service('order-service', 'orders', 8080),
    service('user-service', 'users', 8080),
    service('inventory-service', 'inventory', 8080, { 'istio.io/use-waypoint': 'inventory-service-waypoint' }),
    ...ztunnel(),
    ...waypoint('inventory-service-waypoint', 'inventory'),
    // What Meshport renders for an ambient service with HTTP rules: ztunnel lets only the waypoint in; the waypoint checks methods and paths.
    istio('AuthorizationPolicy', 'security', 'inventory-service-waypoint-only', 'inventory', {
      selector: { matchLabels: { app: 'inventory-service' } },
      action: 'DENY',
      rules: [{ from: [{ source: { notPrincipals: ['cluster.local/ns/inventory/sa/inventory-service-waypoint'] } }] }],
    }),
    istio('AuthorizationPolicy', 'security', 'inventory-service-callers', 'inventory', {
      targetRefs: [{ kind: 'Service', group: '', name: 'inventory-service' }],
      action: 'ALLOW',
      rules: [
        {
          from: [{ source: { principals: ['cluster.local/ns/orders/sa/order-service'] } }],
          to: [{ operation: { methods: ['GET'], paths: ['/api/v1/stock/*'] } }],
        },
      ],
    }),
    istio('PeerAuthentication', 'security', 'default', 'inventory', { mtls: { mode: 'STRICT' } }),
    istio('PeerAuthentication', 'security', 'default', 'istio-system', { mtls: { mode: 'STRICT' } }, '2026-10-01T08:00:00Z'),
    istio('PeerAuthentication', 'security', 'default', 'payments', { mtls: { mode: 'PERMISSIVE' } }),
    istio('PeerAuthentication', 'security', 'payment-service', 'payments', {
      selector: { matchLabels: { app: 'payment-service' } },
      mtls: { mode: 'STRICT' },
      portLevelMtls: { 9090: { mode: 'PERMISSIVE' } },
    }),
    istio('AuthorizationPolicy', 'security', 'deny-all', 'payments', {}),
    istio('AuthorizationPolicy', 'security', 'payment-service-callers', 'payments', {
      selector: { matchLabels: { app: 'payment-service' } },
      action: 'ALLOW',
      rules: [
        {
          from: [{ source: { principals: ['cluster.local/ns/orders/sa/order-service'] } }],
          to: [{ operation: { methods: ['POST'], paths: ['/api/v1/process-payment'] } }],
        },
        { to: [{ operation: { methods: ['GET'], paths: ['/healthz', '/ready'] } }] },
      ],
    }),
    istio('RequestAuthentication', 'security', 'payment-service-jwt', 'payments', {
      selector: { matchLabels: { app: 'payment-service' } },
      jwtRules: [
        { issuer: 'https://auth.example.com', jwksUri: 'https://auth.example.com/.well-known/jwks.json', audiences: ['payments'], forwardOriginalToken: true },
      ],
    }),
    istio('DestinationRule', 'networking', 'payment-service', 'payments', {
      host: 'payment-service.payments.svc.cluster.local',
      trafficPolicy: {
        loadBalancer: { simple: 'LEAST_REQUEST' },
        connectionPool: { tcp: { maxConnections: 100 } },
        outlierDetection: { consecutive5xxErrors: 5, interval: '10s', baseEjectionTime: '30s' },
      },
      subsets: [
        { name: 'v1', labels: { version: 'v1' } },
        { name: 'v2', labels: { version: 'v2' } },
      ],
    }),
    istio('VirtualService', 'networking', 'payment-service', 'payments', {
      hosts: ['payment-service.payments.svc.cluster.local'],
      http: [
        {
          name: 'canary-header',
          match: [{ headers: { 'x-canary': { exact: 'true' } } }],
          route: [{ destination: { host: 'payment-service.payments.svc.cluster.local', port: { number: 80 }, subset: 'v2' } }],
        },
        {
          name: 'split',
          route: [
            { destination: { host: 'payment-service.payments.svc.cluster.local', port: { number: 80 }, subset: 'v1' }, weight: 90 },
            { destination: { host: 'payment-service.payments.svc.cluster.local', port: { number: 80 }, subset: 'v2' }, weight: 10 },
          ],
        },
      ],
    }),
    istio('PeerAuthentication', 'security', 'default', 'orders', { mtls: { mode: 'STRICT' } }),
    ...merged.objects.map(object => ({ ...object, metadata: { ...object.metadata, creationTimestamp: CREATED } })).map(withEarlierScope),
    injectorConfigMap(),
    meshConfigMap(),
  ];
}

/** The mesh config as istiod's chart installs it: calls out of the mesh only to hosts a ServiceEntry declares. */
function meshConfigMap(): Obj {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'istio', namespace: 'istio-system', creationTimestamp: '2026-10-01T08:00:00Z', labels: { 'istio.io/rev': 'default' } },
    data: { mesh: 'rootNamespace: istio-system\ntrustDomain: cluster.local\noutboundTrafficPolicy:\n  mode: REGISTRY_ONLY\n' },
  };
}

/** The injector's configuration as istiod's chart installs it: the values the injection templates read. */
function injectorConfigMap(): Obj {
  const values = {
    global: {
      hub: 'docker.io/istio',
      tag: '1.30.0',
      proxy: { image: 'proxyv2', resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '2000m', memory: '1024Mi' } } },
    },
    sidecarInjectorWebhook: { enableNamespacesByDefault: false },
  };
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: 'istio-sidecar-injector',
      namespace: 'istio-system',
      creationTimestamp: '2026-10-01T08:00:00Z',
      labels: { app: 'sidecar-injector', 'istio.io/rev': 'default' },
    },
    data: { values: JSON.stringify(values), config: 'templates: {}  # injection templates, not read by Meshport' },
  };
}

/** The demo cluster's objects grouped as `kubectl get -o yaml` lists, one per namespace. */
export function demoClusterLists(): Record<string, Obj> {
  const byNamespace = new Map<string, Obj[]>();
  for (const object of demoClusterObjects()) {
    const file = object.kind === 'Namespace' ? '_namespaces' : object.metadata.namespace;
    byNamespace.set(file, [...(byNamespace.get(file) ?? []), object]);
  }
  return Object.fromEntries(
    [...byNamespace].map(([file, items]) => [`${file}.yaml`, { apiVersion: 'v1', kind: 'List', metadata: { resourceVersion: '' }, items }]),
  );
}

/**
 * What istiod's /debug/syncz answers for the demo's proxies (as `kubectl get --raw` through the API
 * server's service proxy would save it): every sidecar synced but order-service's unready one, which has
 * not acknowledged istiod's last listener and route pushes.
 */
export function demoIstiodSyncz(): Array<Record<string, string>> {
  const injected = demoClusterObjects().filter(o => o.kind === 'Pod' && o.metadata.annotations?.['sidecar.istio.io/status']);
  return injected.map(pod => {
    const stale = pod.metadata.labels.app === 'order-service' && pod.status.conditions.some((c: Obj) => c.type === 'Ready' && c.status === 'False');
    const nonce = 'a1b2c3';
    return {
      proxy: `${pod.metadata.name}.${pod.metadata.namespace}`,
      istio_version: '1.30.0',
      cluster_sent: nonce,
      cluster_acked: nonce,
      listener_sent: nonce,
      listener_acked: stale ? 'f0e1d2' : nonce,
      route_sent: nonce,
      route_acked: stale ? '' : nonce,
      endpoint_sent: nonce,
      endpoint_acked: nonce,
    };
  });
}
