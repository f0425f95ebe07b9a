import type { DestinationRuleSpec, IstioObject } from '@meshport/istio-config';
import { MeshPolicy } from '../model';
import { prune } from './kubeObject';
import { routesWithHttpRoute, versionServiceName } from './httpRoute';
import { CANARY_SUBSET, serviceHost, serviceMetadata, STABLE_SUBSET } from './names';

function loadBalancer(policy: MeshPolicy) {
  const lb = policy.traffic?.loadBalancer;
  switch (lb?.type) {
    case undefined:
      return undefined;
    case 'simple':
      return { simple: lb.algorithm };
    case 'consistentHashHeader':
      return { consistentHash: { httpHeaderName: lb.header } };
    case 'consistentHashCookie':
      return { consistentHash: { httpCookie: { name: lb.cookie, ttl: lb.ttl ?? '0s' } } };
    case 'consistentHashSourceIp':
      return { consistentHash: { useSourceIp: true } };
    default:
      return undefined;
  }
}

function connectionPool(policy: MeshPolicy) {
  const pool = policy.traffic?.connectionPool;
  if (!pool) return undefined;
  return {
    tcp: { maxConnections: pool.maxConnections, connectTimeout: pool.connectTimeout },
    http: {
      http1MaxPendingRequests: pool.http1MaxPendingRequests,
      http2MaxRequests: pool.http2MaxRequests,
      maxRequestsPerConnection: pool.maxRequestsPerConnection,
      maxRetries: pool.maxRetries,
      idleTimeout: pool.idleTimeout,
    },
  };
}

/**
 * The service's DestinationRules: traffic policy and canary subsets; none when neither is asked for. In
 * ambient mode a canary's versions are Services the HTTPRoute sends to, and a DestinationRule applies to
 * the host a request goes to: the traffic policy is written for each version's Service as well, or the
 * split traffic would have none of it.
 */
export function renderDestinationRules(policy: MeshPolicy): Array<IstioObject<'DestinationRule'>> {
  const { traffic } = policy;
  const versionServices = routesWithHttpRoute(policy) && policy.canary;
  const canary = versionServices ? undefined : policy.canary;
  const trafficPolicy = prune({
    loadBalancer: loadBalancer(policy),
    connectionPool: connectionPool(policy),
    outlierDetection: traffic?.outlierDetection,
  });
  if (Object.keys(trafficPolicy).length === 0 && !canary) return [];
  const rule = (name: string, host: string, subsets?: DestinationRuleSpec['subsets']): IstioObject<'DestinationRule'> =>
    prune({
      apiVersion: 'networking.istio.io/v1',
      kind: 'DestinationRule',
      metadata: { ...serviceMetadata(policy), name },
      spec: { host, trafficPolicy, subsets },
    });
  const main = rule(
    serviceMetadata(policy).name,
    serviceHost(policy),
    canary
      ? [
          { name: STABLE_SUBSET, labels: { version: canary.stableVersion } },
          { name: CANARY_SUBSET, labels: { version: canary.canaryVersion } },
        ]
      : undefined,
  );
  if (!versionServices) return [main];
  const versions = ([STABLE_SUBSET, CANARY_SUBSET] as const).map(role => {
    const name = versionServiceName(policy, role);
    return rule(name, `${name}.${policy.service.namespace}.svc.cluster.local`);
  });
  return [main, ...versions];
}
