import { z } from 'zod';

// Kubernetes and Istio syntax rules, each as one reusable zod type with a message a product engineer
// can act on. Every free-text field of the policy goes through one of these: nothing reaches a
// manifest that Kubernetes, Istio or a YAML parser would read differently from what the form showed.

const dns1123Label = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const dns1123Subdomain = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const labelValue = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
// Kubernetes' quantity pattern (^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$, which the CRDs carry), written
// so that no two quantifiers can take the same digits: the same strings, in linear time.
const quantity = /^[+-]?[0-9.]+([eEinumkKMGTP]+[-+]?[0-9]*|[-+][0-9]*)?$/;
/**
 * Istio durations from 1ms up, in the units a form needs: hours, minutes and whole milliseconds, seconds
 * with up to three decimals, in that order ("1h", "1m30s", "1.5s", "250ms"); at least one digit is not 0,
 * so every accepted value is at least 1ms (the CRDs' CEL rule), and the JSON Schema holds the whole rule.
 */
const duration = /^(?!([0.]+(h|ms|m|s))+$)(?=[0-9])([0-9]+h)?([0-9]+m(?!s))?([0-9]+(\.[0-9]{1,3})?s)?([0-9]+ms)?$/;
const httpToken = /^[a-z0-9!#$%&'*+.^_`|~-]+$/;
const printableNoSpace = /^[\x21-\x7e]+$/;
const printable = /^[\x20-\x7e]+$/;

/**
 * A canary's share of traffic: a whole percent from 0 to 100; the stable version gets the rest.
 *
 * @public
 */
export const canaryWeight = z.number().int('must be a whole number').min(0, 'must be 0 or more').max(100, 'must be at most 100');

/**
 * The two weights a canary route sends, for a canary weight (rounded, clamped to 0-100): they always add up to 100.
 *
 * @public
 */
export function canarySplit(weight: number): { stable: number; canary: number } {
  const canary = Math.min(100, Math.max(0, Math.round(weight)));
  return { stable: 100 - canary, canary };
}

/** The port protocols Istio's proxies read as HTTP: routes, retries and L7 policies apply to these. */
export const HTTP_PROTOCOLS: readonly string[] = ['HTTP', 'HTTP2', 'GRPC'];

/** Whether a port's protocol is one the proxies read as HTTP. */
export function isHttpProtocol(protocol: string): boolean {
  return HTTP_PROTOCOLS.includes(protocol);
}

/**
 * A DNS-1123 label: Kubernetes names of namespaces, services, ports.
 *
 * @public
 */
export const dnsLabel = z
  .string()
  .max(63, { message: 'must be at most 63 characters', abort: true })
  .regex(dns1123Label, 'must be lowercase letters, digits and "-", starting and ending with a letter or digit');

/**
 * True for a DNS-1123 label (a namespace, a Service name): the rule of `dnsLabel`, as a plain check.
 *
 * @public
 */
export function isDnsLabel(value: string): boolean {
  return dnsLabel.safeParse(value).success;
}

/** A DNS-1123 subdomain: names of most Kubernetes objects. */
export const dnsSubdomain = z
  .string()
  .max(253, { message: 'must be at most 253 characters', abort: true })
  .regex(dns1123Subdomain, 'must be lowercase letters, digits, "-" and ".", starting and ending with a letter or digit');

/** A Kubernetes label value. */
export const kubernetesLabelValue = z
  .string()
  .max(63, { message: 'must be at most 63 characters', abort: true })
  .regex(labelValue, 'must be letters, digits, "-", "_" and ".", starting and ending with a letter or digit');

/**
 * A Kubernetes label key: an optional DNS-subdomain prefix of at most 253 characters and "/", then a name
 * of at most 63. One pattern, so the JSON Schema carries exactly the model's rule.
 */
const labelKeyPattern = new RegExp(`^((?=[^/]{1,253}/)${dns1123Subdomain.source.slice(1, -1)}/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$`);

/** A Kubernetes label key, with an optional DNS prefix. */
export const kubernetesLabelKey = z
  .string()
  .max(317, { message: 'is too long for a label key', abort: true })
  .regex(labelKeyPattern, 'must be a label key such as "app" or "example.com/team"');

/** A resource quantity as Kubernetes writes it ("100m", "128Mi", "1"). */
export const resourceQuantity = z
  .string()
  .max(32, { message: 'must be at most 32 characters', abort: true })
  .regex(quantity, 'must be a Kubernetes quantity such as "100m", "0.5", "128Mi" or "1Gi"');

/** A protobuf duration as Istio reads it ("5s", "250ms", "1m30s"), at least one millisecond. */
export const istioDuration = z
  .string()
  .max(32, { message: 'must be at most 32 characters', abort: true })
  .regex(duration, 'must be a duration of at least 1ms such as "250ms", "1.5s", "1m30s" or "1h"');

/** A TCP or UDP port number. */
export const portNumber = z.number().int('must be a whole number').min(1, 'must be 1 or more').max(65535, 'must be at most 65535');

/** A header Istio writes a JWT claim into: the RequestAuthentication CRD's pattern, lowercase as Envoy matches it. */
export const claimHeaderName = z
  .string()
  .min(1, 'must not be empty')
  .max(128, { message: 'must be at most 128 characters', abort: true })
  .regex(/^[-_a-z0-9]+$/, 'must be a lowercase header name of letters, digits, "-" and "_"');

/** An HTTP header name, lowercase as Envoy matches it. */
export const headerName = z
  .string()
  .min(1, 'must not be empty')
  .max(128, { message: 'must be at most 128 characters', abort: true })
  .regex(httpToken, "must be a lowercase HTTP header name (letters, digits and !#$%&'*+.^_`|~-)");

/** A value compared against an HTTP header or claim: printable ASCII, no line breaks. */
export const matchValue = z
  .string()
  .min(1, 'must not be empty')
  .max(256, { message: 'must be at most 256 characters', abort: true })
  .regex(printable, 'must be printable ASCII on one line');

/** An opaque token with no spaces (audiences, principals, claim names). */
export const token = z
  .string()
  .min(1, 'must not be empty')
  .max(256, { message: 'must be at most 256 characters', abort: true })
  .regex(printableNoSpace, 'must be printable ASCII with no spaces');

/**
 * An https URL: a lowercase DNS host (no punycode labels), an optional port up to 65535, an optional path
 * of printable ASCII. One pattern, the JSON Schema's too; Istio's CRD asks for http(s) and 2048 characters.
 */
const httpsUrlPattern = new RegExp(
  `^https://(?!xn--)(?!.*\\.xn--)${dns1123Subdomain.source.slice(1, -1)}` +
    '(:(6553[0-5]|655[0-2][0-9]|65[0-4][0-9]{2}|6[0-4][0-9]{3}|[1-5][0-9]{4}|[1-9][0-9]{0,3}))?' +
    '([/?#][\\x21-\\x7e]*)?$',
);

/** A URL that must use https. */
export const httpsUrl = z
  .string()
  .max(2048, { message: 'must be at most 2048 characters', abort: true })
  .regex(httpsUrlPattern, 'must be an https:// URL with a lowercase host name and no spaces');

/** An HTTP request path or path prefix. */
export const httpPath = z
  .string()
  .max(1024, { message: 'must be at most 1024 characters', abort: true })
  .regex(/^\/[\x21-\x7e]*$/, 'must start with "/" and hold printable ASCII with no spaces');

/** An HTTP method. */
export const httpMethod = z.enum(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'CONNECT', 'TRACE']);

/** A host name as Istio matches it: a DNS subdomain, optionally with a leading "*." wildcard. */
export const hostName = z
  .string()
  .max(253, { message: 'must be at most 253 characters', abort: true })
  .regex(new RegExp(`^(\\*\\.)?${dns1123Subdomain.source.slice(1)}`), 'must be a host name such as "shop.example.com" or "*.example.com"');

/**
 * A host a Sidecar's egress listener exposes, as Istio reads it: "<namespace>/<host>", the namespace a
 * DNS label, "." (the Sidecar's own) or "*" (any), the host "*", "*.suffix" or a DNS name.
 */
export const scopeHost = z
  .string()
  .max(317, { message: 'must be at most 317 characters', abort: true })
  .regex(
    new RegExp(`^(\\.|\\*|${dns1123Label.source.slice(1, -1)})/(\\*|(\\*\\.)?${dns1123Subdomain.source.slice(1, -1)})$`),
    'must be "<namespace>/<host>" such as "payments/payment-service.payments.svc.cluster.local", "./*" or "istio-system/*"',
  );

/** An IPv4 address, or a CIDR block ("10.0.0.0/16"), as a ServiceEntry's addresses take them. */
export const ipAddressOrBlock = z
  .string()
  .max(18, { message: 'must be at most 18 characters', abort: true })
  .regex(
    /^((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\/(3[0-2]|[12]?[0-9]))?$/,
    'must be an IPv4 address such as "10.0.12.7" or a block such as "10.0.0.0/16"',
  );

/** A SPIFFE-style principal: "cluster.local/ns/<namespace>/sa/<service account>" or a trust domain form. */
export const principal = z
  .string()
  .max(512, { message: 'must be at most 512 characters', abort: true })
  .regex(/^[a-z0-9.-]+\/ns\/[a-z0-9-]+\/sa\/[a-z0-9.-]+$/, 'must look like "cluster.local/ns/<namespace>/sa/<service-account>"');

/** A percentage from 0 to 100. */
export const percentage = z.number().min(0, 'must be 0 or more').max(100, 'must be at most 100');

/** A list whose items are all different: the model refuses a repeated item, the JSON Schema says uniqueItems. */
export function uniqueList<T extends z.ZodType>(item: T, max: number) {
  return z
    .array(item)
    .max(max)
    .refine(items => new Set(items.map(value => JSON.stringify(value))).size === items.length, 'lists an item twice')
    .meta({ uniqueItems: true });
}

const UNIT_CHARACTERS: Record<string, true> = { h: true, m: true, s: true, u: true, µ: true, n: true };

function endOfRun(text: string, start: number, belongs: (character: string) => boolean): number {
  let end = start;
  while (end < text.length && belongs(text[end])) end += 1;
  return end;
}

/** Milliseconds in an Istio duration string. */
export function durationToMilliseconds(value: string): number {
  const unit: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1, us: 0.001, µs: 0.001, ns: 0.000001 };
  let total = 0;
  // One pass over "<number><unit>" pairs; characters that start neither are skipped.
  let at = 0;
  while (at < value.length) {
    const numberEnd = endOfRun(value, at, character => (character >= '0' && character <= '9') || character === '.');
    const unitEnd = endOfRun(value, numberEnd, character => character in UNIT_CHARACTERS);
    const number = value.slice(at, numberEnd);
    const factor = unit[value.slice(numberEnd, unitEnd)];
    if (number && factor !== undefined && !Number.isNaN(Number(number))) total += Number(number) * factor;
    at = Math.max(unitEnd, at + 1);
  }
  return total;
}
