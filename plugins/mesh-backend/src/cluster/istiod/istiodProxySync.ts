import * as grpc from '@grpc/grpc-js';
import { proxySyncFrom, proxySyncFromClientConfigs, ProxySyncView } from '@meshport/plugin-mesh-status-node';
import { AnalyzedObject } from '@meshport/istio-config';
import { clusterErrorOf } from '../clusterErrors';
import { KubernetesClient } from '../kubernetesClient';
import { ServiceAccountRef, ServiceAccountTokens } from './serviceAccountTokens';
import { askSynczOverXds, XdsRequestError } from './xdsSyncz';

/** How to reach istiod's xDS port for a cluster (`mesh.clusters[].istiod`). */
export interface IstiodXdsSettings {
  address: string;
  serverName: string;
  /** PEM of the mesh's root CA; else the root namespace's istio-ca-root-cert ConfigMap. */
  caPem?: string;
  /** Whose token the debug request carries (istioctl: istio-system/default). */
  tokenAccount: ServiceAccountRef;
}

export interface IstiodProxySyncOptions {
  rootNamespace: string;
  /** istiod's Service and HTTP debug port, for /debug/syncz through the API server's service proxy. */
  httpService: string;
  httpPort: number;
  xds?: IstiodXdsSettings;
  timeoutMs: number;
}

/** A refused or failed xDS debug request in words. */
function xdsFailure(error: unknown, settings: IstiodXdsSettings): string {
  if (!(error instanceof XdsRequestError)) return clusterErrorOf(error).message;
  const account = `${settings.tokenAccount.namespace}/${settings.tokenAccount.name}`;
  switch (error.code) {
    case grpc.status.UNAUTHENTICATED:
      return `istiod did not accept the token of ${account} (UNAUTHENTICATED: ${error.message})`;
    case grpc.status.PERMISSION_DENIED:
      return `istiod refused the request of ${account} (PERMISSION_DENIED: ${error.message})`;
    case grpc.status.UNAVAILABLE:
      return `istiod could not be reached at ${settings.address} (UNAVAILABLE: ${error.message})`;
    case grpc.status.DEADLINE_EXCEEDED:
      return `istiod gave no answer in time (DEADLINE_EXCEEDED)`;
    default:
      return `istiod answered ${grpc.status[error.code] ?? error.code}: ${error.message}`;
  }
}

/**
 * The proxies' sync as istiod reports it, asked as istioctl proxy-status asks it on Istio 1.30: an xDS debug
 * request for syncz on istiod's 15012 with a token the cluster's API server issues (TokenRequest, audience
 * istio-ca), where `mesh.clusters[].istiod` says how to reach it; else, or when that fails, istiod's HTTP
 * /debug/syncz through the API server's service proxy, which 1.30 answers only to authenticated callers.
 * The answer says which path it came by, or why neither answered.
 */
export class IstiodProxySync {
  private readonly tokens?: ServiceAccountTokens;

  constructor(
    private readonly client: KubernetesClient,
    private readonly options: IstiodProxySyncOptions,
    /** The root namespace's ConfigMap by name, from the cluster's cache. */
    private readonly configMap: (name: string) => AnalyzedObject | undefined,
  ) {
    if (options.xds) this.tokens = new ServiceAccountTokens(client, options.xds.tokenAccount, 'istio-ca');
  }

  async read(): Promise<ProxySyncView> {
    let xdsProblem: string | undefined;
    if (this.options.xds && this.tokens) {
      try {
        return await this.overXds(this.options.xds, this.tokens);
      } catch (error) {
        xdsProblem = `istiod's xDS debug request at ${this.options.xds.address} failed: ${xdsFailure(error, this.options.xds)}`;
      }
    }
    try {
      return { byPod: proxySyncFrom(await this.client.getJson(this.httpPath())), source: "istiod's HTTP /debug/syncz through the API server's service proxy" };
    } catch (error) {
      const http = `istiod's /debug/syncz could not be read through the API server: ${clusterErrorOf(error).message}`;
      return {
        unavailable: xdsProblem
          ? `${xdsProblem}; ${http}`
          : `${http}. Istio 1.30 answers it only to authenticated callers: set mesh.clusters[].istiod.xdsAddress so that Meshport asks over xDS, as istioctl proxy-status does`,
      };
    }
  }

  private async overXds(settings: IstiodXdsSettings, tokens: ServiceAccountTokens): Promise<ProxySyncView> {
    const caPem = settings.caPem ?? (this.configMap('istio-ca-root-cert') as { data?: Record<string, string> } | undefined)?.data?.['root-cert.pem'];
    if (!caPem) throw new Error(`no root certificate to check istiod's against: the ${this.options.rootNamespace}/istio-ca-root-cert ConfigMap has none`);
    let token: string;
    try {
      token = await tokens.token();
    } catch (error) {
      const { namespace, name } = settings.tokenAccount;
      throw new Error(
        `the API server issued no token for ${namespace}/${name} (${clusterErrorOf(error).message}); the backend needs create on serviceaccounts/token for it`,
      );
    }
    const answer = await askSynczOverXds({
      address: settings.address,
      serverName: settings.serverName,
      caPem,
      token,
      identity: { namespace: settings.tokenAccount.namespace, serviceAccount: settings.tokenAccount.name },
      timeoutMs: this.options.timeoutMs,
    });
    const scope =
      settings.tokenAccount.namespace === this.options.rootNamespace
        ? ''
        : ` (istiod shows a caller from ${settings.tokenAccount.namespace} only that namespace's proxies, unless DEBUG_ENDPOINT_AUTH_ALLOWED_NAMESPACES names it)`;
    return {
      byPod: proxySyncFromClientConfigs(answer.proxies),
      source: `istiod's xDS debug request (syncz) at ${settings.address}, as istioctl proxy-status asks it${scope}`,
    };
  }

  private httpPath(): string {
    const { rootNamespace, httpService, httpPort } = this.options;
    return `/api/v1/namespaces/${encodeURIComponent(rootNamespace)}/services/${encodeURIComponent(httpService)}:${httpPort}/proxy/debug/syncz`;
  }
}
