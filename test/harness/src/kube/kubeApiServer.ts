import http from 'node:http';
import https from 'node:https';
import { AddressInfo } from 'node:net';
import { matchesLabelSelector, parseLabelSelector } from '@meshport/istio-config';
import { selfSignedCertificate } from './certificate';

/** One resource type the server serves, as API discovery describes it. */
interface ResourceType {
  kind: string;
  group: string;
  version: string;
  plural: string;
  namespaced: boolean;
}

const RESOURCE_TYPES: ResourceType[] = [
  { kind: 'Namespace', group: '', version: 'v1', plural: 'namespaces', namespaced: false },
  { kind: 'Pod', group: '', version: 'v1', plural: 'pods', namespaced: true },
  { kind: 'Service', group: '', version: 'v1', plural: 'services', namespaced: true },
  { kind: 'Deployment', group: 'apps', version: 'v1', plural: 'deployments', namespaced: true },
  { kind: 'PeerAuthentication', group: 'security.istio.io', version: 'v1', plural: 'peerauthentications', namespaced: true },
  { kind: 'AuthorizationPolicy', group: 'security.istio.io', version: 'v1', plural: 'authorizationpolicies', namespaced: true },
  { kind: 'RequestAuthentication', group: 'security.istio.io', version: 'v1', plural: 'requestauthentications', namespaced: true },
  { kind: 'VirtualService', group: 'networking.istio.io', version: 'v1', plural: 'virtualservices', namespaced: true },
  { kind: 'DestinationRule', group: 'networking.istio.io', version: 'v1', plural: 'destinationrules', namespaced: true },
  { kind: 'Gateway', group: 'networking.istio.io', version: 'v1', plural: 'gateways', namespaced: true },
  { kind: 'StatefulSet', group: 'apps', version: 'v1', plural: 'statefulsets', namespaced: true },
  { kind: 'DaemonSet', group: 'apps', version: 'v1', plural: 'daemonsets', namespaced: true },
  { kind: 'ServiceEntry', group: 'networking.istio.io', version: 'v1', plural: 'serviceentries', namespaced: true },
  { kind: 'Sidecar', group: 'networking.istio.io', version: 'v1', plural: 'sidecars', namespaced: true },
  { kind: 'Telemetry', group: 'telemetry.istio.io', version: 'v1', plural: 'telemetries', namespaced: true },
  { kind: 'ConfigMap', group: '', version: 'v1', plural: 'configmaps', namespaced: true },
  { kind: 'Gateway', group: 'gateway.networking.k8s.io', version: 'v1', plural: 'gateways', namespaced: true },
  { kind: 'Application', group: 'argoproj.io', version: 'v1alpha1', plural: 'applications', namespaced: true },
  { kind: 'Kustomization', group: 'kustomize.toolkit.fluxcd.io', version: 'v1', plural: 'kustomizations', namespaced: true },
];

/** The API group of an apiVersion ("apps/v1" → "apps", "v1" → the core group ""). */
function groupOf(apiVersion: string | undefined): string | undefined {
  if (apiVersion === undefined) return undefined;
  return apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
}

/** Orders by a precomputed key with plain string comparison (kube's lexical order, no locale rules). */
function bySortKey(a: { sortKey: string }, b: { sortKey: string }): number {
  if (a.sortKey === b.sortKey) return 0;
  return a.sortKey < b.sortKey ? -1 : 1;
}

/** A fault the server answers with instead of the real thing, for requests whose path matches. */
export interface KubeFault {
  /** Matches the request path (and query), e.g. /\/pods/ . */
  path: RegExp;
  /**
   * HTTP status with a Status body; 'hang' (never answer); 'drop' (close the socket); or 'watch-error'
   * (answer 200, then one ERROR event carrying a 500 Status, and end the stream, as the API server
   * reports a failure inside a watch).
   */
  answer: number | 'hang' | 'drop' | 'watch-error';
  /** How many requests it applies to; default: until cleared. */
  times?: number;
}

type Watcher = { type: ResourceType; namespace?: string; requirements: ReturnType<typeof parseLabelSelector>; response: http.ServerResponse };

function status(code: number, reason: string, message: string) {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
}

const REASONS: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  410: 'Expired',
  429: 'TooManyRequests',
  500: 'InternalError',
  503: 'ServiceUnavailable',
};

/** A token the TokenRequest API issued: the service account it stands for, its audiences and expiry. */
export interface IssuedToken {
  namespace: string;
  serviceAccount: string;
  audiences: string[];
  expiresAt: number;
}

/**
 * A Kubernetes API server for tests, following the API's conventions where the clients depend on
 * them: bearer-token auth, discovery (`/api/v1`, `/apis/<group>/<version>`), list with `labelSelector`,
 * `limit`/`continue` pagination and a list `resourceVersion`, watch streams from a resourceVersion,
 * `410 Gone` for a compacted resourceVersion or an expired continue token, and `Status` error bodies.
 * Objects change through `apply` and `delete`, which bump the resourceVersion and reach watchers. Service
 * account tokens come from the TokenRequest API for the accounts a test grants.
 */
export class KubeApiTestServer {
  private server?: http.Server;
  private revision = 1000;
  /** The oldest resourceVersion a watch or continue token may still start from. */
  private compactedBefore = 0;
  private readonly objects = new Map<string, Record<string, any>>();
  private readonly history: Array<{ revision: number; type: 'ADDED' | 'MODIFIED' | 'DELETED'; object: Record<string, any> }> = [];
  private readonly watchers = new Set<Watcher>();
  private readonly faults: KubeFault[] = [];
  private readonly serviceProxies = new Map<string, unknown>();
  /** The objects of the lists being paged through, each at its revision. */
  private readonly listSnapshots = new Map<string, Array<Record<string, any>>>();
  /** Service accounts ("namespace/name") the caller may create tokens for (RBAC's create on serviceaccounts/token). */
  private readonly tokenGrants = new Set<string>();
  /** Tokens issued by the TokenRequest API, as a TokenReview would read them back. */
  private readonly issuedTokens = new Map<string, IssuedToken>();
  /** Every request path the server answered, for tests that count requests. */
  readonly requests: string[] = [];
  url = '';
  caData = '';

  /**
   * `token`: the bearer token it accepts; `authenticate`, when given, decides instead from the request's
   * Authorization header (undefined for none), as an API server with another authenticator would (EKS's
   * aws-iam-authenticator, a kubectl proxy that adds its own credential).
   */
  constructor(private readonly options: { token: string; tls?: boolean; authenticate?: (authorization: string | undefined) => boolean }) {}

  async start(): Promise<this> {
    const handler = (req: http.IncomingMessage, res: http.ServerResponse) => this.handle(req, res);
    if (this.options.tls) {
      const { key, cert } = selfSignedCertificate();
      this.caData = Buffer.from(cert).toString('base64');
      this.server = https.createServer({ key, cert }, handler);
    } else {
      this.server = http.createServer(handler);
    }
    await new Promise<void>(resolve => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `${this.options.tls ? 'https' : 'http'}://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    for (const watcher of this.watchers) watcher.response.destroy();
    this.watchers.clear();
    this.server?.closeAllConnections?.();
    await new Promise<void>(resolve => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Adds or replaces objects, each a new resourceVersion, and tells the watchers. */
  apply(...objects: Array<Record<string, any>>): void {
    for (const input of objects) {
      const object = structuredClone(input);
      const type = this.typeOf(object.kind, object.apiVersion);
      const key = this.keyOf(type, object.metadata.namespace, object.metadata.name);
      const existed = this.objects.has(key);
      this.revision += 1;
      object.metadata.resourceVersion = String(this.revision);
      object.metadata.uid ??= `uid-${key.replace(/\W/g, '-')}`;
      this.objects.set(key, object);
      this.emit(existed ? 'MODIFIED' : 'ADDED', object);
    }
  }

  /** Deletes an object and tells the watchers; `apiVersion` tells kinds of one name apart (Istio's and Gateway API's Gateway). */
  delete(kind: string, namespace: string | undefined, name: string, apiVersion?: string): void {
    const type = this.typeOf(kind, apiVersion);
    const key = this.keyOf(type, namespace, name);
    const object = this.objects.get(key);
    if (!object) return;
    this.objects.delete(key);
    this.revision += 1;
    this.emit('DELETED', { ...object, metadata: { ...object.metadata, resourceVersion: String(this.revision) } });
  }

  /** Forgets history as etcd compaction does: watches and continue tokens from before now get 410. */
  compact(): void {
    this.compactedBefore = this.revision;
    this.history.length = 0;
    for (const watcher of this.watchers) {
      this.write(watcher.response, { type: 'ERROR', object: status(410, 'Expired', 'too old resource version') });
      watcher.response.end();
    }
    this.watchers.clear();
  }

  /** Ends every open watch stream cleanly, as an API server does when a watch times out. */
  closeWatches(): void {
    for (const watcher of this.watchers) watcher.response.end();
    this.watchers.clear();
  }

  /**
   * Serves a service's answer at its service-proxy path (/api/v1/namespaces/<ns>/services/<name>:<port>/proxy/<path>),
   * as the API server proxies to it: istiod's /debug/syncz, say.
   */
  serveServiceProxy(namespace: string, service: string, port: number, path: string, body: unknown): void {
    this.serviceProxies.set(`/api/v1/namespaces/${namespace}/services/${service}:${port}/proxy${path}`, body);
  }

  /** Lets the caller create tokens for a service account (TokenRequest), as an RBAC grant of create on serviceaccounts/token would. */
  grantTokenRequest(namespace: string, name: string): void {
    this.tokenGrants.add(`${namespace}/${name}`);
  }

  /** Who a token issued here stands for, as a TokenReview answers: undefined for one it did not issue or that expired. */
  reviewToken(token: string): IssuedToken | undefined {
    const issued = this.issuedTokens.get(token);
    return issued && issued.expiresAt > Date.now() ? issued : undefined;
  }

  /**
   * POST /api/v1/namespaces/{namespace}/serviceaccounts/{name}/token, as the API server answers it: 201 with
   * the token in `status`, 400 for a body that is not a TokenRequest or asks for under 10 minutes, 403 without a grant.
   */
  private tokenRequest(req: http.IncomingMessage, res: http.ServerResponse, namespace: string, name: string) {
    let raw = '';
    req.on('data', chunk => (raw += chunk));
    req.on('end', () => {
      if (!this.tokenGrants.has(`${namespace}/${name}`)) {
        this.fault(
          res,
          403,
          `serviceaccounts "${name}" is forbidden: the caller cannot create resource "serviceaccounts/token" in API group "" in the namespace "${namespace}"`,
        );
        return;
      }
      let body: any;
      try {
        body = JSON.parse(raw);
      } catch {
        this.fault(res, 400, 'the request body is not JSON');
        return;
      }
      if (body?.kind !== 'TokenRequest' || body?.apiVersion !== 'authentication.k8s.io/v1') {
        this.fault(res, 400, 'the body must be an authentication.k8s.io/v1 TokenRequest');
        return;
      }
      const audiences: string[] = Array.isArray(body.spec?.audiences) ? body.spec.audiences.map(String) : [];
      const expirationSeconds = Number(body.spec?.expirationSeconds ?? 3600);
      if (!(expirationSeconds >= 600)) {
        this.fault(res, 400, 'spec.expirationSeconds: Invalid value: may not specify a duration less than 10 minutes');
        return;
      }
      const token = `issued-${namespace}-${name}-${this.issuedTokens.size + 1}-${Math.random().toString(36).slice(2)}`;
      const expiresAt = Date.now() + expirationSeconds * 1000;
      this.issuedTokens.set(token, { namespace, serviceAccount: name, audiences, expiresAt });
      this.send(res, 201, {
        apiVersion: 'authentication.k8s.io/v1',
        kind: 'TokenRequest',
        metadata: { name, namespace },
        spec: { audiences, expirationSeconds },
        status: { token, expirationTimestamp: new Date(expiresAt).toISOString() },
      });
    });
  }

  /** Answers matching requests with a fault until cleared (or `times` requests). */
  fail(fault: KubeFault): void {
    this.faults.push({ ...fault });
  }

  clearFaults(): void {
    this.faults.length = 0;
  }

  get watchCount(): number {
    return this.watchers.size;
  }

  private typeOf(kind: string, apiVersion?: string): ResourceType {
    const group = groupOf(apiVersion);
    const type = RESOURCE_TYPES.find(t => t.kind === kind && (group === undefined || t.group === group));
    if (!type) throw new Error(`the test API server does not serve ${kind}${apiVersion ? ` of ${apiVersion}` : ''}`);
    return type;
  }

  private keyOf(type: ResourceType, namespace: string | undefined, name: string) {
    return `${type.group}/${type.kind}/${type.namespaced ? namespace ?? 'default' : ''}/${name}`;
  }

  private emit(event: 'ADDED' | 'MODIFIED' | 'DELETED', object: Record<string, any>) {
    this.history.push({ revision: this.revision, type: event, object });
    for (const watcher of this.watchers) {
      if (this.visibleTo(watcher.type, watcher.namespace, watcher.requirements, object)) this.write(watcher.response, { type: event, object });
    }
  }

  private visibleTo(type: ResourceType, namespace: string | undefined, requirements: Watcher['requirements'], object: Record<string, any>) {
    return (
      object.kind === type.kind &&
      (groupOf(object.apiVersion) ?? type.group) === type.group &&
      (!namespace || object.metadata.namespace === namespace) &&
      matchesLabelSelector(requirements, object.metadata.labels ?? {})
    );
  }

  private write(response: http.ServerResponse, event: unknown) {
    response.write(`${JSON.stringify(event)}\n`);
  }

  private send(res: http.ServerResponse, code: number, body: unknown) {
    res.writeHead(code, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  }

  private fault(res: http.ServerResponse, code: number, message: string) {
    this.send(res, code, status(code, REASONS[code] ?? 'InternalError', message));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://server');
    this.requests.push(`${url.pathname}${url.search}`);
    const fault = this.faults.find(f => f.path.test(`${url.pathname}${url.search}`));
    if (fault) {
      if (fault.times !== undefined) {
        fault.times -= 1;
        if (fault.times <= 0) this.faults.splice(this.faults.indexOf(fault), 1);
      }
      if (fault.answer === 'hang') return;
      if (fault.answer === 'drop') {
        req.socket.destroy();
        return;
      }
      if (fault.answer === 'watch-error') {
        res.writeHead(200, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' });
        this.write(res, { type: 'ERROR', object: status(500, 'InternalError', 'injected fault: the watch failed') });
        res.end();
        return;
      }
      this.fault(res, fault.answer, `injected fault ${fault.answer}`);
      return;
    }
    const authenticated = this.options.authenticate
      ? this.options.authenticate(req.headers.authorization)
      : req.headers.authorization === `Bearer ${this.options.token}`;
    if (!authenticated) {
      this.fault(res, 401, 'Unauthorized');
      return;
    }
    const tokenRequest = /^\/api\/v1\/namespaces\/([^/]+)\/serviceaccounts\/([^/]+)\/token$/.exec(url.pathname);
    if (tokenRequest && req.method === 'POST') {
      this.tokenRequest(req, res, decodeURIComponent(tokenRequest[1]), decodeURIComponent(tokenRequest[2]));
      return;
    }
    if (req.method !== 'GET') {
      this.fault(res, 405, `${req.method} is not served`);
      return;
    }
    if (url.pathname.includes('/proxy/')) {
      if (this.serviceProxies.has(url.pathname)) this.send(res, 200, this.serviceProxies.get(url.pathname));
      else this.fault(res, 503, 'no endpoints available for service');
      return;
    }
    const discovery = /^\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))$/.exec(url.pathname);
    if (discovery) {
      const group = discovery[2] ?? '';
      const version = discovery[1] ?? discovery[3];
      const resources = RESOURCE_TYPES.filter(t => t.group === group && t.version === version);
      if (resources.length === 0) {
        this.fault(res, 404, 'the server could not find the requested resource');
        return;
      }
      this.send(res, 200, {
        kind: 'APIResourceList',
        apiVersion: 'v1',
        groupVersion: group ? `${group}/${version}` : version,
        resources: resources.map(t => ({
          name: t.plural,
          singularName: t.kind.toLowerCase(),
          namespaced: t.namespaced,
          kind: t.kind,
          verbs: ['get', 'list', 'watch'],
        })),
      });
      return;
    }
    const collection = /^\/(?:api\/v1|apis\/([^/]+)\/([^/]+))(?:\/namespaces\/([^/]+))?\/([^/]+)$/.exec(url.pathname);
    const type =
      collection &&
      RESOURCE_TYPES.find(t => t.plural === collection[4] && t.group === (collection[1] ?? '') && (collection[1] ? t.version === collection[2] : true));
    if (!collection || !type) {
      this.fault(res, 404, 'the server could not find the requested resource');
      return;
    }
    let requirements;
    try {
      requirements = parseLabelSelector(url.searchParams.get('labelSelector') ?? '');
    } catch (error) {
      this.fault(res, 400, `unable to parse requirement: ${(error as Error).message}`);
      return;
    }
    const namespace = collection[3];
    if (url.searchParams.get('watch') === 'true' || url.searchParams.get('watch') === '1') {
      this.watch(res, type, namespace, requirements, url.searchParams.get('resourceVersion'));
      return;
    }
    this.list(res, type, namespace, requirements, url.searchParams);
  }

  private list(res: http.ServerResponse, type: ResourceType, namespace: string | undefined, requirements: Watcher['requirements'], params: URLSearchParams) {
    const limit = Number(params.get('limit') ?? 0);
    let offset = 0;
    let listRevision = this.revision;
    const token = params.get('continue');
    if (token) {
      try {
        const decoded = JSON.parse(Buffer.from(token, 'base64url').toString());
        offset = decoded.offset;
        listRevision = decoded.revision;
      } catch {
        this.fault(res, 400, 'continue key is not valid');
        return;
      }
      if (listRevision < this.compactedBefore) {
        this.fault(
          res,
          410,
          'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.',
        );
        return;
      }
    }
    // The server lists from one consistent snapshot per list (as etcd does at the list's revision): the
    // pages of a list are cut from it, instead of sorting every object again for every page.
    const snapshotKey = `${type.group}/${type.plural}|${namespace ?? ''}|${params.get('labelSelector') ?? ''}|${listRevision}`;
    let matching = this.listSnapshots.get(snapshotKey);
    if (!matching) {
      matching = [...this.objects.values()]
        .filter(object => this.visibleTo(type, namespace, requirements, object))
        .map(object => ({ object, sortKey: `${object.metadata.namespace}/${object.metadata.name}` }))
        .sort(bySortKey)
        .map(entry => entry.object);
      this.listSnapshots.set(snapshotKey, matching);
      // Lists of every kind page at once; keep the latest few.
      if (this.listSnapshots.size > 32) this.listSnapshots.delete(this.listSnapshots.keys().next().value!);
    }
    const page = limit > 0 ? matching.slice(offset, offset + limit) : matching.slice(offset);
    const more = limit > 0 && offset + limit < matching.length;
    this.send(res, 200, {
      kind: `${type.kind}List`,
      apiVersion: type.group ? `${type.group}/${type.version}` : type.version,
      metadata: {
        resourceVersion: String(listRevision),
        ...(more
          ? {
              continue: Buffer.from(JSON.stringify({ offset: offset + limit, revision: listRevision })).toString('base64url'),
              remainingItemCount: matching.length - offset - limit,
            }
          : {}),
      },
      // Items in a list carry no kind or apiVersion, as the real API server sends them.
      items: page.map(({ kind: _kind, apiVersion: _apiVersion, ...rest }) => rest),
    });
  }

  private watch(res: http.ServerResponse, type: ResourceType, namespace: string | undefined, requirements: Watcher['requirements'], from: string | null) {
    const start = Number(from ?? this.revision);
    if (from && start < this.compactedBefore) {
      // The real server answers 200 and then an ERROR event carrying a 410 Status.
      res.writeHead(200, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' });
      this.write(res, { type: 'ERROR', object: status(410, 'Expired', `too old resource version: ${start} (${this.compactedBefore})`) });
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' });
    // The API server sends its headers at once, before any event.
    res.flushHeaders();
    for (const event of this.history) {
      if (event.revision > start && this.visibleTo(type, namespace, requirements, event.object)) this.write(res, { type: event.type, object: event.object });
    }
    const watcher: Watcher = { type, namespace, requirements, response: res };
    this.watchers.add(watcher);
    res.on('close', () => this.watchers.delete(watcher));
  }
}
