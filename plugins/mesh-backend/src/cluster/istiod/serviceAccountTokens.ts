import { KubernetesClient } from '../kubernetesClient';

/** A service account, by namespace and name. */
export interface ServiceAccountRef {
  namespace: string;
  name: string;
}

/** Renewed this long before the API server's expiry, as istioctl renews its token 60 s before. */
const RENEW_BEFORE_MS = 60_000;

/**
 * Tokens the cluster's API server issues for a service account through the TokenRequest API
 * (`POST /api/v1/namespaces/{namespace}/serviceaccounts/{name}/token`), for one audience, kept until a
 * minute before the expiry the API server gives (which may be shorter than asked). A failed request is not kept.
 */
export class ServiceAccountTokens {
  private current?: { expiresAt: number; token: Promise<string> };

  constructor(
    private readonly client: KubernetesClient,
    private readonly account: ServiceAccountRef,
    private readonly audience: string,
    private readonly clock: () => number = Date.now,
  ) {}

  token(): Promise<string> {
    if (this.current && this.clock() < this.current.expiresAt - RENEW_BEFORE_MS) return this.current.token;
    const requested = this.request();
    const entry = { expiresAt: Infinity, token: requested.then(answer => answer.token) };
    this.current = entry;
    requested.then(
      answer => (entry.expiresAt = answer.expiresAt),
      () => {
        if (this.current === entry) this.current = undefined;
      },
    );
    return entry.token;
  }

  private async request(): Promise<{ token: string; expiresAt: number }> {
    const { namespace, name } = this.account;
    const answer = await this.client.postJson(`/api/v1/namespaces/${encodeURIComponent(namespace)}/serviceaccounts/${encodeURIComponent(name)}/token`, {
      apiVersion: 'authentication.k8s.io/v1',
      kind: 'TokenRequest',
      spec: { audiences: [this.audience], expirationSeconds: 3600 },
    });
    const token = answer?.status?.token;
    if (typeof token !== 'string' || token === '') throw new Error(`the TokenRequest for ${namespace}/${name} was answered without status.token`);
    const expiresAt = Date.parse(String(answer.status.expirationTimestamp ?? ''));
    return { token, expiresAt: Number.isFinite(expiresAt) ? expiresAt : this.clock() + 600_000 };
  }
}
