import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import protobuf from 'protobufjs';
import { selfSignedCertificate } from '../kube/certificate';
import type { IssuedToken } from '../kube/kubeApiServer';
import { findRepoRoot } from '../repoRoot';

const PROTO_ROOT = path.join(findRepoRoot(), 'test/harness/src/istio/xds');
const loaderOptions = { keepCase: true, enums: String, longs: Number, defaults: false, includeDirs: [PROTO_ROOT] };
const definition = protoLoader.loadSync(['envoy/service/discovery/v3/discovery.proto', 'envoy/service/status/v3/csds.proto'], loaderOptions);
const ads = (grpc.loadPackageDefinition(definition) as any).envoy.service.discovery.v3.AggregatedDiscoveryService;
const statusRoot = new protobuf.Root();
statusRoot.resolvePath = (_origin, target) => (target.startsWith('google/') ? target : path.join(PROTO_ROOT, target));
statusRoot.loadSync('envoy/service/status/v3/csds.proto', { keepCase: true });
const ClientConfig = statusRoot.lookupType('envoy.service.status.v3.ClientConfig');

/** xDS type URLs of the types a sidecar subscribes to, as istiod names them. */
const TYPE_URLS = {
  CDS: 'type.googleapis.com/envoy.config.cluster.v3.Cluster',
  LDS: 'type.googleapis.com/envoy.config.listener.v3.Listener',
  EDS: 'type.googleapis.com/envoy.config.endpoint.v3.ClusterLoadAssignment',
  RDS: 'type.googleapis.com/envoy.config.route.v3.RouteConfiguration',
} as const;

/** One connected proxy as the test istiod serves it: its pod, namespace, version and each type's sync. */
export interface TestProxy {
  pod: string;
  namespace: string;
  istioVersion: string;
  status: Partial<Record<keyof typeof TYPE_URLS, 'SYNCED' | 'NOT_SENT' | 'STALE' | 'ERROR'>>;
}

export interface IstiodTestServerOptions {
  /** Reviews a bearer token as the API server's TokenReview would (KubeApiTestServer.reviewToken). */
  reviewToken: (token: string) => IssuedToken | undefined;
  proxies: TestProxy[];
  rootNamespace?: string;
  /** DEBUG_ENDPOINT_AUTH_ALLOWED_NAMESPACES. */
  allowedNamespaces?: string[];
  /** The Service name its certificate is for (istiod.<root>.svc). */
  serverName?: string;
}

const gone = (code: grpc.status, details: string) => Object.assign(new Error(details), { code, details });

/**
 * istiod's xDS port (15012) for tests, as Istio 1.30 serves debug requests on it (pilot/pkg/xds/ads.go,
 * auth.go, statusgen.go): TLS with a certificate for istiod.<root>.svc; the `authorization: Bearer` token
 * reviewed (audience istio-ca), else UNAUTHENTICATED "authentication failure"; the node's NAMESPACE and
 * SERVICE_ACCOUNT metadata must be the token's, else PERMISSION_DENIED; a node id of four `~` parts with an
 * IP, else INVALID_ARGUMENT. A syncz request is answered at once with one ClientConfig per proxy (node id
 * "pod.namespace", ISTIO_VERSION in its metadata, config_status per type): every proxy for the root
 * namespace and the allowed ones, the caller's namespace's only for others.
 */
export class IstiodTestServer {
  private readonly server = new grpc.Server();
  /** The identities of the requests it answered, "namespace/serviceAccount", for tests. */
  readonly answered: string[] = [];
  address = '';
  caData = '';
  serverName: string;

  constructor(private readonly options: IstiodTestServerOptions) {
    this.serverName = options.serverName ?? `istiod.${options.rootNamespace ?? 'istio-system'}.svc`;
  }

  async start(): Promise<this> {
    const { key, cert } = selfSignedCertificate([this.serverName]);
    this.caData = Buffer.from(cert).toString('base64');
    this.server.addService(ads.service, { StreamAggregatedResources: (call: grpc.ServerDuplexStream<any, any>) => this.stream(call) });
    const port = await new Promise<number>((resolve, reject) =>
      this.server.bindAsync(
        '127.0.0.1:0',
        grpc.ServerCredentials.createSsl(null, [{ private_key: Buffer.from(key), cert_chain: Buffer.from(cert) }]),
        (error, bound) => (error ? reject(error) : resolve(bound)),
      ),
    );
    this.address = `127.0.0.1:${port}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>(resolve => this.server.tryShutdown(() => resolve()));
    this.server.forceShutdown();
  }

  private stream(call: grpc.ServerDuplexStream<any, any>) {
    const authorization = String(call.metadata.get('authorization')[0] ?? '');
    const identity = authorization.startsWith('Bearer ') ? this.options.reviewToken(authorization.slice('Bearer '.length)) : undefined;
    if (!identity || !identity.audiences.includes('istio-ca')) {
      call.emit('error', gone(grpc.status.UNAUTHENTICATED, 'authentication failure'));
      return;
    }
    call.on('data', (request: any) => {
      const parts = String(request.node?.id ?? '').split('~');
      if (parts.length !== 4 || !/^[0-9.]+$|:/.test(parts[1])) {
        call.emit('error', gone(grpc.status.INVALID_ARGUMENT, `invalid node id ${request.node?.id}`));
        return;
      }
      // google/protobuf/struct.proto as protobufjs ships it names its fields in camelCase.
      const metadata = request.node?.metadata?.fields ?? {};
      const namespace = metadata.NAMESPACE?.stringValue;
      const serviceAccount = metadata.SERVICE_ACCOUNT?.stringValue;
      if (namespace !== identity.namespace || (serviceAccount && serviceAccount !== identity.serviceAccount)) {
        call.emit(
          'error',
          gone(
            grpc.status.PERMISSION_DENIED,
            `authorization failed: no identities ([spiffe://cluster.local/ns/${identity.namespace}/sa/${identity.serviceAccount}]) matched ${namespace}/${serviceAccount}`,
          ),
        );
        return;
      }
      if (request.type_url !== 'istio.io/debug/syncz') return;
      this.answered.push(`${identity.namespace}/${identity.serviceAccount}`);
      const root = this.options.rootNamespace ?? 'istio-system';
      const seesAll = identity.namespace === root || (this.options.allowedNamespaces ?? []).includes(identity.namespace);
      const proxies = this.options.proxies.filter(proxy => seesAll || proxy.namespace === identity.namespace);
      call.write({
        type_url: 'istio.io/debug/syncz',
        version_info: '2026-12-07T00:00:00Z/42',
        nonce: `2026-12-07T00:00:00Z/42-${this.answered.length}`,
        control_plane: { identifier: JSON.stringify({ Component: 'istiod', ID: 'istiod-5d8f7c9b6-abcde', Info: { version: '1.30.3' } }) },
        resources: proxies.map(proxy => ({
          type_url: 'type.googleapis.com/envoy.service.status.v3.ClientConfig',
          value: Buffer.from(
            ClientConfig.encode(
              ClientConfig.fromObject({
                node: {
                  id: `${proxy.pod}.${proxy.namespace}`,
                  metadata: { fields: { NAMESPACE: { stringValue: proxy.namespace }, ISTIO_VERSION: { stringValue: proxy.istioVersion } } },
                },
                generic_xds_configs: Object.entries(TYPE_URLS).map(([type, typeUrl]) => ({
                  type_url: typeUrl,
                  config_status: proxy.status[type as keyof typeof TYPE_URLS] ?? 'SYNCED',
                })),
              }),
            ).finish(),
          ),
        })),
      });
    });
  }
}
