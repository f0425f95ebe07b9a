import { KubeConfig } from '@kubernetes/client-node';
import { CustomErrorBase } from '@backstage/errors';
import { ANNOTATION_KUBERNETES_AUTH_PROVIDER } from '@backstage/plugin-kubernetes-common';
import type { AuthenticationStrategy, ClusterDetails, KubernetesCredential } from '@backstage/plugin-kubernetes-node';

/**
 * Providers whose token belongs to the signed-in user (the Kubernetes plugin's frontend sends it with each
 * request): Meshport's list+watch runs as the backend, with no user, so it cannot use them.
 */
export const PER_USER_AUTH_PROVIDERS: ReadonlySet<string> = new Set(['google', 'oidc', 'aks']);

/** Why a cluster's credential could not be had or used; the message names the cluster and never holds the credential. */
export class ClusterCredentialError extends CustomErrorBase {}

/** The cluster's `authProvider`, as the Kubernetes plugin's locators record it. */
export function authProviderOf(details: ClusterDetails): string {
  return details.authMetadata[ANNOTATION_KUBERNETES_AUTH_PROVIDER] ?? 'serviceAccount';
}

/** The kubeconfig user that presents a credential. */
function userFor(credential: KubernetesCredential) {
  if (credential.type === 'bearer token') return { name: 'meshport', token: credential.token };
  if (credential.type === 'x509 client certificate') {
    return { name: 'meshport', certData: Buffer.from(credential.cert).toString('base64'), keyData: Buffer.from(credential.key).toString('base64') };
  }
  return { name: 'meshport' };
}

/** A KubeConfig for one cluster and one credential: bearer token, client certificate, or none (kubectl proxy). */
export function kubeConfigFor(details: ClusterDetails, credential: KubernetesCredential): KubeConfig {
  const kubeConfig = new KubeConfig();
  const user = userFor(credential);
  kubeConfig.loadFromOptions({
    clusters: [
      {
        name: details.name,
        server: details.url,
        caData: details.caData,
        caFile: details.caFile,
        // client-node refuses plain http unless told to skip TLS checks, which do not apply to it (kubectl proxy).
        skipTLSVerify: Boolean(details.skipTLSVerify) || details.url.startsWith('http:'),
      },
    ],
    users: [user],
    contexts: [{ name: details.name, cluster: details.name, user: 'meshport' }],
    currentContext: details.name,
  });
  return kubeConfig;
}

export interface ClusterConnectionOptions {
  /** How long a credential is used before its strategy is asked again (tokens of `aws` last 15 minutes). */
  credentialTtlMs: number;
  /** Whether a bearer token may travel over plain http to this cluster (`mesh.status.allowInsecureHttpClusters`). */
  allowInsecureHttp: boolean;
  clock?: () => number;
}

/**
 * One cluster's API server as its `ClusterDetails` name it, with a credential from the Kubernetes plugin's
 * strategy for its `authProvider`, asked with no user (the watches are the backend's own), kept for
 * `credentialTtlMs` and forgotten when the API server refuses it.
 */
export class ClusterConnection {
  private current?: { at: number; kubeConfig: Promise<KubeConfig> };

  constructor(readonly details: ClusterDetails, private readonly strategy: AuthenticationStrategy, private readonly options: ClusterConnectionOptions) {}

  get authProvider(): string {
    return authProviderOf(this.details);
  }

  /** A KubeConfig with a current credential; a ClusterCredentialError when there is none to be had. */
  kubeConfig(): Promise<KubeConfig> {
    const now = (this.options.clock ?? Date.now)();
    if (this.current && now - this.current.at < this.options.credentialTtlMs) return this.current.kubeConfig;
    const kubeConfig = this.load();
    this.current = { at: now, kubeConfig };
    // A failure is not kept: the next list or watch (after its backoff) asks the strategy again.
    kubeConfig.catch(() => {
      if (this.current?.kubeConfig === kubeConfig) this.current = undefined;
    });
    return kubeConfig;
  }

  /** Drops the credential, after the API server refused it (401). */
  forget(): void {
    this.current = undefined;
  }

  private async load(): Promise<KubeConfig> {
    const { name } = this.details;
    const provider = this.authProvider;
    if (PER_USER_AUTH_PROVIDERS.has(provider)) {
      throw new ClusterCredentialError(
        `cluster "${name}" authenticates with authProvider "${provider}", whose token belongs to each signed-in user; ` +
          "Meshport's list+watch runs as the backend, so give it the cluster with serviceAccount, googleServiceAccount, aws or azure",
      );
    }
    let credential: KubernetesCredential;
    try {
      credential = await this.strategy.getCredential(this.details, {});
    } catch (error) {
      throw new ClusterCredentialError(`cluster "${name}": the ${provider} authentication strategy gave no credential: ${(error as Error).message}`);
    }
    if (credential.type !== 'anonymous' && this.details.url.startsWith('http:') && !this.options.allowInsecureHttp) {
      throw new ClusterCredentialError(
        `cluster "${name}" has an http: URL and a ${credential.type}, which would travel in clear; use https, or list the cluster in mesh.status.allowInsecureHttpClusters`,
      );
    }
    return kubeConfigFor(this.details, credential);
  }
}
