import { z } from 'zod';

// Kubernetes and Istio syntax rules, each as one reusable zod type with a message a product engineer
// can act on. Every free-text field of the policy goes through one of these: nothing reaches a
// manifest that Kubernetes, Istio or a YAML parser would read differently from what the form showed.

const dns1123Label = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const dns1123Subdomain = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const labelValue = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const qualifiedNameSegment = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const quantity = /^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$/;
const duration = /^([0-9]+(\.[0-9]+)?(h|m|s|ms|us|µs|ns))+$/;
const httpToken = /^[a-z0-9!#$%&'*+.^_`|~-]+$/;
const printableNoSpace = /^[\x21-\x7e]+$/;
const printable = /^[\x20-\x7e]+$/;

/** A DNS-1123 label: Kubernetes names of namespaces, services, ports. */
export const dnsLabel = z
  .string()
  .max(63, 'must be at most 63 characters')
  .regex(dns1123Label, 'must be lowercase letters, digits and "-", starting and ending with a letter or digit');

/** A DNS-1123 subdomain: names of most Kubernetes objects. */
export const dnsSubdomain = z
  .string()
  .max(253, 'must be at most 253 characters')
  .regex(dns1123Subdomain, 'must be lowercase letters, digits, "-" and ".", starting and ending with a letter or digit');

/** A Kubernetes label value. */
export const kubernetesLabelValue = z
  .string()
  .max(63, 'must be at most 63 characters')
  .regex(labelValue, 'must be letters, digits, "-", "_" and ".", starting and ending with a letter or digit');

/** A Kubernetes label key, with an optional DNS prefix. */
export const kubernetesLabelKey = z
  .string()
  .max(317, 'is too long for a label key')
  .refine(key => {
    const parts = key.split('/');
    if (parts.length > 2) return false;
    const name = parts[parts.length - 1];
    if (name.length > 63 || !qualifiedNameSegment.test(name)) return false;
    return parts.length === 1 || (parts[0].length <= 253 && dns1123Subdomain.test(parts[0]));
  }, 'must be a label key such as "app" or "example.com/team"');

/** A resource quantity as Kubernetes writes it ("100m", "128Mi", "1"). */
export const resourceQuantity = z
  .string()
  .max(32, 'must be at most 32 characters')
  .regex(quantity, 'must be a Kubernetes quantity such as "100m", "0.5", "128Mi" or "1Gi"');

/** A protobuf duration as Istio reads it ("5s", "250ms", "1m30s"), at least one millisecond. */
export const istioDuration = z
  .string()
  .max(32, 'must be at most 32 characters')
  .regex(duration, 'must be a duration such as "250ms", "5s" or "1m"')
  .refine(value => durationToMilliseconds(value) >= 1, 'must be at least 1ms');

/** A TCP or UDP port number. */
export const portNumber = z.number().int('must be a whole number').min(1, 'must be 1 or more').max(65535, 'must be at most 65535');

/** An HTTP header name, lowercase as Envoy matches it. */
export const headerName = z
  .string()
  .min(1, 'must not be empty')
  .max(128, 'must be at most 128 characters')
  .regex(httpToken, 'must be a lowercase HTTP header name (letters, digits and !#$%&\'*+.^_`|~-)');

/** A value compared against an HTTP header or claim: printable ASCII, no line breaks. */
export const matchValue = z
  .string()
  .min(1, 'must not be empty')
  .max(256, 'must be at most 256 characters')
  .regex(printable, 'must be printable ASCII on one line');

/** An opaque token with no spaces (audiences, principals, claim names). */
export const token = z
  .string()
  .min(1, 'must not be empty')
  .max(256, 'must be at most 256 characters')
  .regex(printableNoSpace, 'must be printable ASCII with no spaces');

/** A URL that must use https. */
export const httpsUrl = z
  .string()
  .max(2048, 'must be at most 2048 characters')
  .regex(printableNoSpace, 'must be a URL with no spaces')
  .refine(value => {
    try {
      const url = new URL(value);
      return url.protocol === 'https:' && url.hostname.length > 0;
    } catch {
      return false;
    }
  }, 'must be an https:// URL');

/** An HTTP request path or path prefix. */
export const httpPath = z
  .string()
  .max(1024, 'must be at most 1024 characters')
  .regex(/^\/[\x21-\x7e]*$/, 'must start with "/" and hold printable ASCII with no spaces');

/** An HTTP method. */
export const httpMethod = z.enum(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'CONNECT', 'TRACE']);

/** A host name as Istio matches it: a DNS subdomain, optionally with a leading "*." wildcard. */
export const hostName = z
  .string()
  .max(253, 'must be at most 253 characters')
  .refine(value => dns1123Subdomain.test(value.startsWith('*.') ? value.slice(2) : value), 'must be a host name such as "shop.example.com" or "*.example.com"');

/** A SPIFFE-style principal: "cluster.local/ns/<namespace>/sa/<service account>" or a trust domain form. */
export const principal = z
  .string()
  .max(512, 'must be at most 512 characters')
  .regex(/^[a-z0-9.-]+\/ns\/[a-z0-9-]+\/sa\/[a-z0-9.-]+$/, 'must look like "cluster.local/ns/<namespace>/sa/<service-account>"');

/** A percentage from 0 to 100. */
export const percentage = z.number().min(0, 'must be 0 or more').max(100, 'must be at most 100');

/** Milliseconds in an Istio duration string. */
export function durationToMilliseconds(value: string): number {
  const unit: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1, us: 0.001, µs: 0.001, ns: 0.000001 };
  let total = 0;
  for (const match of value.matchAll(/([0-9]+(?:\.[0-9]+)?)(h|ms|m|s|us|µs|ns)/g)) {
    total += Number(match[1]) * unit[match[2]];
  }
  return total;
}
