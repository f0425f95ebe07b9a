import type { IstioObject } from '@meshport/istio-config';
import { canarySplit, MeshPolicy } from '../model';
import { prune } from './kubeObject';
import { canaryAnalysisAnnotation } from './canaryAnnotation';
import { routesWithHttpRoute } from './httpRoute';
import { CANARY_SUBSET, httpPort, ingressGatewayName, serviceHost, serviceMetadata, STABLE_SUBSET } from './names';

/** The port a route must name: only needed when the service has more than one. */
function destinationPort(policy: MeshPolicy, port?: number) {
  if (port !== undefined) return { number: port };
  if (policy.service.ports.length === 1) return undefined;
  return { number: httpPort(policy) };
}

/**
 * Where a route sends traffic: the canary split when there is one, else the whole service. In ambient
 * mode the service's waypoint splits (its HTTPRoute): routes go to the Service.
 */
function destinations(policy: MeshPolicy, port?: number) {
  const host = serviceHost(policy);
  const portSelector = destinationPort(policy, port);
  const { canary } = policy;
  if (!canary || routesWithHttpRoute(policy)) return [{ destination: { host, port: portSelector } }];
  const split = canarySplit(canary.canaryWeight);
  return [
    { destination: { host, subset: STABLE_SUBSET, port: portSelector }, weight: split.stable },
    { destination: { host, subset: CANARY_SUBSET, port: portSelector }, weight: split.canary },
  ];
}

function timeouts(policy: MeshPolicy) {
  const retries = policy.traffic?.retries;
  return {
    timeout: policy.traffic?.timeout,
    retries: retries ? { attempts: retries.attempts, perTryTimeout: retries.perTryTimeout, retryOn: retries.retryOn } : undefined,
  };
}

/** Istio's fault block: percentages are objects with a value. */
function faultInjection(policy: MeshPolicy) {
  const fault = policy.canary?.fault;
  if (!fault) return undefined;
  return {
    delay: fault.delay ? { fixedDelay: fault.delay.fixedDelay, percentage: { value: fault.delay.percentage } } : undefined,
    abort: fault.abort ? { httpStatus: fault.abort.httpStatus, percentage: { value: fault.abort.percentage } } : undefined,
  };
}

function testerRoute(policy: MeshPolicy, port?: number) {
  const { canary } = policy;
  if (!canary?.headerMatch) return [];
  return [
    {
      name: 'canary-testers',
      match: [{ headers: { [canary.headerMatch.name]: { exact: canary.headerMatch.value } } }],
      route: [{ destination: { host: serviceHost(policy), subset: CANARY_SUBSET, port: destinationPort(policy, port) } }],
      fault: faultInjection(policy),
      ...timeouts(policy),
    },
  ];
}

/** The mesh-internal VirtualService: canary split, tester header route, timeout and retries; an HTTPRoute does it in ambient mode. */
function renderMeshVirtualService(policy: MeshPolicy): IstioObject<'VirtualService'> | undefined {
  if (routesWithHttpRoute(policy)) return undefined;
  if (!policy.canary && !policy.traffic?.timeout && !policy.traffic?.retries) return undefined;
  return prune({
    apiVersion: 'networking.istio.io/v1',
    kind: 'VirtualService',
    metadata: { ...serviceMetadata(policy), ...canaryAnalysisAnnotation(policy) },
    spec: {
      hosts: [serviceHost(policy)],
      http: [...testerRoute(policy), { name: 'primary', route: destinations(policy), ...timeouts(policy) }],
    },
  });
}

/** The VirtualService bound to the ingress Gateway: the public hosts and paths. */
function renderIngressVirtualService(policy: MeshPolicy): IstioObject<'VirtualService'> | undefined {
  const { ingress } = policy;
  if (!ingress) return undefined;
  const gateway = `${policy.service.namespace}/${ingressGatewayName(policy)}`;
  return prune({
    apiVersion: 'networking.istio.io/v1',
    kind: 'VirtualService',
    metadata: serviceMetadata(policy, 'ingress'),
    spec: {
      hosts: ingress.hosts,
      gateways: [gateway],
      http: ingress.routes.map((route, index) => ({
        name: `route-${index}`,
        match: [{ uri: { prefix: route.pathPrefix } }],
        route: destinations(policy, route.port),
        ...timeouts(policy),
      })),
    },
  });
}

/** The service's VirtualServices, mesh-internal first. */
export function renderVirtualServices(policy: MeshPolicy): Array<IstioObject<'VirtualService'>> {
  return [renderMeshVirtualService(policy), renderIngressVirtualService(policy)].filter((o): o is IstioObject<'VirtualService'> => Boolean(o));
}
