// The bench's cluster: namespaces with strict mTLS, and services of ten injected pods each, spread over
// clusters by service index. Shared by the bench and the child process that serves it.
'use strict';

const PODS_PER_SERVICE = 10;
const NAMESPACES = 100;

/** One pod of service `s`, as the API server returns it (injected, ready). */
function podObject(s, p) {
  const app = `svc-${s}`;
  const namespace = `team-${s % NAMESPACES}`;
  const labels = { app, 'backstage.io/kubernetes-id': app };
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `${app}-7d9c5b8f4-${p}`,
      namespace,
      labels: { ...labels, version: 'v1', 'pod-template-hash': '7d9c5b8f4', 'security.istio.io/tlsMode': 'istio' },
      annotations: {
        'sidecar.istio.io/status': '{"initContainers":["istio-init"],"containers":["istio-proxy"]}',
        'kubectl.kubernetes.io/default-container': app,
      },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: `${app}-7d9c5b8f4`, controller: true }],
    },
    spec: {
      nodeName: `node-${p % 50}`,
      initContainers: [{ name: 'istio-init', image: 'docker.io/istio/proxyv2:1.30.0', args: ['istio-iptables', '-p', '15001'] }],
      containers: [
        {
          name: app,
          image: `registry.example.com/${app}:1`,
          ports: [{ containerPort: 8080, name: 'http' }],
          resources: { requests: { cpu: '250m', memory: '256Mi' } },
          env: [{ name: 'LOG_LEVEL', value: 'info' }],
        },
        {
          name: 'istio-proxy',
          image: 'docker.io/istio/proxyv2:1.30.0',
          args: ['proxy', 'sidecar'],
          resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '2', memory: '1Gi' } },
        },
      ],
    },
    status: {
      phase: 'Running',
      podIP: `10.${s % 250}.${p}.1`,
      conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: '2026-11-01T00:00:00Z' }],
      containerStatuses: [
        { name: app, ready: true, restartCount: 0, image: `registry.example.com/${app}:1`, state: { running: { startedAt: '2026-11-01T00:00:00Z' } } },
        {
          name: 'istio-proxy',
          ready: true,
          restartCount: 0,
          image: 'docker.io/istio/proxyv2:1.30.0',
          state: { running: { startedAt: '2026-11-01T00:00:00Z' } },
        },
      ],
    },
  };
}

/** The objects of one cluster: every namespace, and the services whose index falls to this cluster. */
function clusterObjects(services, cluster = 0, clusters = 1) {
  const objects = [];
  for (let n = 0; n < NAMESPACES; n += 1) {
    objects.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: `team-${n}`, labels: { 'istio-injection': 'enabled' } } });
    objects.push({
      apiVersion: 'security.istio.io/v1',
      kind: 'PeerAuthentication',
      metadata: { name: 'default', namespace: `team-${n}` },
      spec: { mtls: { mode: 'STRICT' } },
    });
  }
  for (let s = cluster; s < services; s += clusters) {
    const app = `svc-${s}`;
    const namespace = `team-${s % NAMESPACES}`;
    const labels = { app, 'backstage.io/kubernetes-id': app };
    objects.push({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: app, namespace, labels },
      spec: { selector: { app }, ports: [{ name: 'http', port: 80, targetPort: 8080 }] },
    });
    objects.push({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: app, namespace, labels },
      spec: {
        replicas: PODS_PER_SERVICE,
        selector: { matchLabels: { app } },
        template: { metadata: { labels: { ...labels, version: 'v1' } }, spec: { containers: [{ name: app, image: `registry.example.com/${app}:1` }] } },
      },
      status: { replicas: PODS_PER_SERVICE, readyReplicas: PODS_PER_SERVICE },
    });
    for (let p = 0; p < PODS_PER_SERVICE; p += 1) {
      objects.push(podObject(s, p));
    }
  }
  return objects;
}

module.exports = { clusterObjects, podObject, PODS_PER_SERVICE, NAMESPACES };
