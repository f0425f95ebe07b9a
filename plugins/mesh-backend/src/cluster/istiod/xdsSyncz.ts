import * as grpc from '@grpc/grpc-js';
import { CustomErrorBase } from '@backstage/errors';
import { SynczClientConfig } from '@meshport/plugin-mesh-status-node';
import protobuf from 'protobufjs';
import { ADS_METHOD, CLIENT_CONFIG_TYPE_URL, SYNCZ_TYPE_URL, XDS_DESCRIPTOR } from './xdsProtocol';

const root = protobuf.Root.fromJSON(XDS_DESCRIPTOR);
const DiscoveryRequest = root.lookupType('envoy.service.discovery.v3.DiscoveryRequest');
const DiscoveryResponse = root.lookupType('envoy.service.discovery.v3.DiscoveryResponse');
const ClientConfig = root.lookupType('envoy.service.status.v3.ClientConfig');

/** istiod's answer to a syncz request: every proxy it serves (that the caller may see), and which istiod answered. */
export interface SynczAnswer {
  proxies: SynczClientConfig[];
  /** The control plane's identifier (JSON with the istiod pod's name), as istioctl prints it. */
  controlPlane?: string;
}

/** A debug request istiod refused or did not answer; `code` is the gRPC status code. */
export class XdsRequestError extends CustomErrorBase {
  constructor(readonly code: number, message: string) {
    super(message);
  }
}

export interface SynczRequest {
  /** istiod's xDS port, host:port (15012, TLS). */
  address: string;
  /** The name istiod's certificate is checked for, e.g. istiod.istio-system.svc. */
  serverName: string;
  /** PEM of the mesh's root CA. */
  caPem: string;
  /** A service account token with audience istio-ca. */
  token: string;
  /** The token's service account: istiod checks the request's node metadata against it. */
  identity: { namespace: string; serviceAccount: string };
  timeoutMs: number;
}

/** Node metadata as a protobuf Struct of strings. */
const struct = (values: Record<string, string>) => ({
  fields: Object.fromEntries(Object.entries(values).map(([key, value]) => [key, { string_value: value }])),
});

/**
 * Asks istiod for every proxy's sync as `istioctl proxy-status` does on Istio 1.30 (istioctl/pkg/multixds,
 * pkg/adsc): one DiscoveryRequest for `istio.io/debug/syncz` on the ADS stream, over TLS, with
 * `authorization: Bearer <token>` and a node whose NAMESPACE and SERVICE_ACCOUNT are the token's
 * (pilot/pkg/xds/auth.go). Unlike istioctl, istiod's certificate is checked against the mesh's root CA.
 */
export function askSynczOverXds(request: SynczRequest): Promise<SynczAnswer> {
  const client = new grpc.Client(request.address, grpc.credentials.createSsl(Buffer.from(request.caPem)), {
    'grpc.ssl_target_name_override': request.serverName,
    'grpc.default_authority': request.serverName,
    'grpc.max_receive_message_length': 64 * 1024 * 1024,
  });
  const metadata = new grpc.Metadata();
  metadata.set('authorization', `Bearer ${request.token}`);
  const { namespace, serviceAccount } = request.identity;
  const call = client.makeBidiStreamRequest(
    ADS_METHOD,
    (message: object) => Buffer.from(DiscoveryRequest.encode(DiscoveryRequest.fromObject(message)).finish()),
    (bytes: Buffer) => DiscoveryResponse.toObject(DiscoveryResponse.decode(bytes), { enums: String, longs: Number, defaults: false }),
    metadata,
    { deadline: Date.now() + request.timeoutMs },
  );
  return new Promise<SynczAnswer>((resolve, reject) => {
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      call.cancel();
      client.close();
      outcome();
    };
    call.on('data', (response: any) => {
      if (response.type_url !== SYNCZ_TYPE_URL) return;
      const proxies = (response.resources ?? [])
        .filter((resource: any) => resource.type_url === CLIENT_CONFIG_TYPE_URL)
        .map((resource: any) => ClientConfig.toObject(ClientConfig.decode(resource.value), { enums: String, longs: Number }) as SynczClientConfig);
      finish(() => resolve({ proxies, ...(response.control_plane?.identifier ? { controlPlane: response.control_plane.identifier } : {}) }));
    });
    call.on('error', (error: grpc.ServiceError) => finish(() => reject(new XdsRequestError(error.code, error.details || error.message))));
    call.on('end', () => finish(() => reject(new XdsRequestError(grpc.status.UNAVAILABLE, 'istiod closed the stream without a syncz answer'))));
    call.write({
      type_url: SYNCZ_TYPE_URL,
      // The node as istioctl's ADS client names it; the IP part must be a valid address.
      node: {
        id: `sidecar~127.0.0.1~meshport.${namespace}~${namespace}.svc.cluster.local`,
        metadata: struct({ GENERATOR: 'event', NAMESPACE: namespace, SERVICE_ACCOUNT: serviceAccount, ISTIO_VERSION: '65536.65536.65536' }),
      },
    });
  });
}
