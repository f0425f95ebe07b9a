// Builders for the objects analyzer tests feed in, so that each case reads as the situation it describes.

const API_VERSIONS: Record<string, string> = {
  Namespace: 'v1',
  Pod: 'v1',
  Service: 'v1',
  Secret: 'v1',
  ConfigMap: 'v1',
  Node: 'v1',
  Deployment: 'apps/v1',
  StatefulSet: 'apps/v1',
  DaemonSet: 'apps/v1',
  PeerAuthentication: 'security.istio.io/v1',
  AuthorizationPolicy: 'security.istio.io/v1',
  RequestAuthentication: 'security.istio.io/v1',
  Telemetry: 'telemetry.istio.io/v1',
  ProxyConfig: 'networking.istio.io/v1beta1',
  KubernetesGateway: 'gateway.networking.k8s.io/v1',
};

/** Labels and annotations of a built object. @public */
export type ObjectMeta = { labels?: Record<string, string>; annotations?: Record<string, string> };

/**
 * Any object; Istio networking kinds by default. A kind of "KubernetesGateway" gives a Gateway API Gateway.
 *
 * @public
 */
export function object(kind: string, name: string, namespace: string | undefined, body: Record<string, unknown> = {}, meta: ObjectMeta = {}): any {
  return {
    apiVersion: API_VERSIONS[kind] ?? 'networking.istio.io/v1',
    kind: kind === 'KubernetesGateway' ? 'Gateway' : kind,
    metadata: { name, ...(namespace !== undefined ? { namespace } : {}), ...meta },
    ...body,
  };
}

/** @public */
export const namespace = (name: string, labels: Record<string, string> = {}, annotations?: Record<string, string>) =>
  object('Namespace', name, undefined, {}, { labels, ...(annotations ? { annotations } : {}) });

/**
 * A pod with an app container; `proxy` adds an istio-proxy container with an image.
 *
 * @public
 */
export function pod(
  name: string,
  ns: string,
  labels: Record<string, string> = {},
  options: { proxy?: boolean | string; spec?: Record<string, unknown>; annotations?: Record<string, string> } = {},
) {
  const containers: any[] = [{ name: 'app', image: 'example/app:1' }];
  if (options.proxy) containers.push({ name: 'istio-proxy', image: typeof options.proxy === 'string' ? options.proxy : 'docker.io/istio/proxyv2:1.30.0' });
  return object('Pod', name, ns, { spec: { containers, ...options.spec } }, { labels, ...(options.annotations ? { annotations: options.annotations } : {}) });
}

/** @public */
export const service = (
  name: string,
  ns: string,
  selector: Record<string, string> | undefined,
  ports: any[] = [{ name: 'http', port: 80, protocol: 'TCP' }],
  meta: ObjectMeta = {},
  spec: Record<string, unknown> = {},
) => object('Service', name, ns, { spec: { ...(selector ? { selector } : {}), ports, ...spec } }, meta);

/** @public */
export const deployment = (
  name: string,
  ns: string,
  templateLabels: Record<string, string>,
  options: { labels?: Record<string, string>; containers?: any[]; templateAnnotations?: Record<string, string> } = {},
) =>
  object(
    'Deployment',
    name,
    ns,
    {
      spec: {
        selector: { matchLabels: templateLabels },
        template: {
          metadata: { labels: templateLabels, ...(options.templateAnnotations ? { annotations: options.templateAnnotations } : {}) },
          spec: { containers: options.containers ?? [{ name: 'app', image: 'example/app:1' }] },
        },
      },
    },
    options.labels ? { labels: options.labels } : {},
  );

/** @public */
export const spec = (kind: string, name: string, ns: string | undefined, body: Record<string, unknown>, meta: ObjectMeta = {}) =>
  object(kind, name, ns, { spec: body }, meta);

/** @public */
export const secret = (name: string, ns: string, data: Record<string, string>) => object('Secret', name, ns, { type: 'kubernetes.io/tls', data });

/** @public */
export const configMap = (name: string, ns: string, data: Record<string, string>) => object('ConfigMap', name, ns, { data });

/**
 * An ingress gateway pod in istio-system, and its Service.
 *
 * @public
 */
export const ingressGateway = (ports: number[] = [80, 443]) => [
  pod('istio-ingressgateway-1', 'istio-system', { istio: 'ingressgateway', app: 'istio-ingressgateway' }, { proxy: true }),
  service(
    'istio-ingressgateway',
    'istio-system',
    { istio: 'ingressgateway' },
    ports.map(port => ({ name: `p${port}`, port, targetPort: port, protocol: 'TCP' })),
  ),
];
