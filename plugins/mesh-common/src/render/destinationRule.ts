import { MeshPolicy } from '../model';
import { KubeObject, prune } from './kubeObject';
import { routesWithHttpRoute } from './httpRoute';
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

/** The service's DestinationRule: traffic policy and canary subsets (in ambient mode the versions are Services); none when neither is asked for. */
export function renderDestinationRule(policy: MeshPolicy): KubeObject | undefined {
  const { traffic } = policy;
  const canary = routesWithHttpRoute(policy) ? undefined : policy.canary;
  const trafficPolicy = prune({
    loadBalancer: loadBalancer(policy),
    connectionPool: connectionPool(policy),
    outlierDetection: traffic?.outlierDetection,
  });
  if (Object.keys(trafficPolicy).length === 0 && !canary) return undefined;
  return prune({
    apiVersion: 'networking.istio.io/v1',
    kind: 'DestinationRule',
    metadata: serviceMetadata(policy),
    spec: {
      host: serviceHost(policy),
      trafficPolicy,
      subsets: canary
        ? [
            { name: STABLE_SUBSET, labels: { version: canary.stableVersion } },
            { name: CANARY_SUBSET, labels: { version: canary.canaryVersion } },
          ]
        : undefined,
    },
  });
}
