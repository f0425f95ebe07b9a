import { MeshPolicyInput, paymentServicePolicyExample } from '@meshport/plugin-mesh-common';

// A policy that sets every field the model has, and for each of its strings the values around it: every
// printable ASCII character (and a few beyond) before, inside and after the valid value, the value at
// 1x, 4x and 64x its length. The model decides which of them it accepts; tests then hold what Istio's
// CRDs and the published JSON Schema say about exactly those.

/**
 * Every field of the service policy set, each to a value the model accepts: the complete example policy,
 * with what it leaves unset added.
 */
export const RICH_POLICY: MeshPolicyInput = {
  ...paymentServicePolicyExample,
  service: {
    ...paymentServicePolicyExample.service,
    ports: [
      { number: 80, targetPort: 8080, name: 'http', protocol: 'HTTP' },
      { number: 9090, name: 'grpc-admin', protocol: 'GRPC' },
    ],
    appLabel: 'payment-service',
    workloadKind: 'StatefulSet',
    workloadName: 'payment-service-db',
  },
  injection: { ...paymentServicePolicyExample.injection, revision: 'stable', excludeOutboundPorts: [3306] },
  jwt: {
    ...paymentServicePolicyExample.jwt!,
    rules: [{ ...paymentServicePolicyExample.jwt!.rules[0], forwardOriginalToken: true, fromHeaders: [{ name: 'x-token', prefix: 'Bearer ' }] }],
  },
  authorization: {
    ...paymentServicePolicyExample.authorization,
    allow: [{ principals: ['cluster.local/ns/web/sa/frontend'], namespaces: ['web'], methods: ['GET'], paths: ['/api/*'] }],
    ingressGatewayPrincipal: 'cluster.local/ns/istio-system/sa/istio-ingressgateway-service-account',
  },
  traffic: {
    ...paymentServicePolicyExample.traffic,
    loadBalancer: { type: 'consistentHashCookie', cookie: 'session', ttl: '1h' },
    connectionPool: { ...paymentServicePolicyExample.traffic!.connectionPool, maxRequestsPerConnection: 5, maxRetries: 3, idleTimeout: '1m30s' },
  },
  canary: { ...paymentServicePolicyExample.canary!, fault: { delay: { fixedDelay: '100ms', percentage: 5 }, abort: { httpStatus: 503, percentage: 1 } } },
  ingress: {
    ...paymentServicePolicyExample.ingress!,
    gatewayName: 'payment-gateway',
    gatewaySelector: { istio: 'ingressgateway' },
    routes: [{ pathPrefix: '/shop', port: 80 }],
  },
};

export type FieldPath = Array<string | number>;

/** The path of every string in a value, in a stable order. */
export function stringFields(value: unknown, at: FieldPath = []): FieldPath[] {
  if (typeof value === 'string') return [at];
  if (Array.isArray(value)) return value.flatMap((item, i) => stringFields(item, [...at, i]));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => stringFields(v, [...at, k]));
  return [];
}

export function valueAt(value: unknown, at: FieldPath): unknown {
  return at.reduce<any>((current, key) => current?.[key], value);
}

/** A copy of a value with the field at a path replaced. */
export function withField(value: unknown, at: FieldPath, replacement: unknown): unknown {
  if (at.length === 0) return replacement;
  const [head, ...rest] = at;
  if (Array.isArray(value)) return value.map((item, i) => (i === head ? withField(item, rest, replacement) : item));
  const record = value as Record<string, unknown>;
  return { ...record, [head]: withField(record[head], rest, replacement) };
}

const PRINTABLE = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i));
const BEYOND_ASCII = ['\t', '\n', '\u0000', '\u00e9', '\u00b5', '\u2028', '\ud83d\ude80'];

/** Strings around a valid value: each character before, inside and after it, and the value repeated. */
export function candidatesAround(valid: string): string[] {
  const middle = Math.floor(valid.length / 2);
  const characters = [...PRINTABLE, ...BEYOND_ASCII];
  const out = new Set<string>(['', valid.toUpperCase()]);
  for (const c of characters) {
    out.add(c);
    out.add(`${c}${valid}`);
    out.add(`${valid.slice(0, middle)}${c}${valid.slice(middle)}`);
    out.add(`${valid}${c}`);
  }
  for (const times of [4, 16, 64, 256]) out.add(valid.repeat(times));
  // The longest variants: valid characters up to the limits Kubernetes and Istio set (63, 253, 2048).
  for (const length of [62, 63, 64, 252, 253, 254, 2047, 2048, 2049]) out.add(valid.padEnd(length, valid.replace(/[^a-z0-9]/g, '') || 'a'));
  return [...out];
}
