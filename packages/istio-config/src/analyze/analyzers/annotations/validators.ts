import { goQuote } from '../../../istio/goFormat';

// Istio's annotation value checks (pkg/kube/inject/validate.go), with Go's error texts.

const invalidSyntax = (fn: string, value: string) => `${fn}: parsing ${goQuote(value)}: invalid syntax`;
const outOfRange = (fn: string, value: string) => `${fn}: parsing ${goQuote(value)}: value out of range`;

/** Go's strconv.ParseUint(value, 10, bits). */
function parseUint(value: string, bits: number): string | undefined {
  if (!/^[0-9]+$/.test(value)) return invalidSyntax('strconv.ParseUint', value);
  return BigInt(value) >= 1n << BigInt(bits) ? outOfRange('strconv.ParseUint', value) : undefined;
}

function parsePort(value: string): string | undefined {
  const trimmed = value.trim();
  const problem = parseUint(trimmed, 16);
  return problem ? `failed parsing port '${value}': ${problem}` : undefined;
}

function parsePorts(label: string, value: string, allowStar: boolean): string | undefined {
  const trimmed = value.trim();
  if (trimmed === '' || (allowStar && trimmed === '*')) return undefined;
  for (const part of trimmed.split(',')) {
    const problem = parsePort(part.trim());
    if (problem) return `${label} invalid: failed parsing port '${part.trim()}': ${problem}`;
  }
  return undefined;
}

/** Go's netip.ParsePrefix, for the error texts istioctl prints. */
function parsePrefix(value: string): string | undefined {
  const slash = value.lastIndexOf('/');
  if (slash === -1) return `netip.ParsePrefix(${goQuote(value)}): no '/'`;
  const address = value.slice(0, slash);
  const bits = value.slice(slash + 1);
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(address);
  const v6 = !v4 && /^[0-9A-Fa-f:.]+$/.test(address) && address.includes(':');
  if (v4 ? v4.slice(1).some(octet => Number(octet) > 255 || (octet.length > 1 && octet.startsWith('0'))) : !v6) {
    return `netip.ParsePrefix(${goQuote(value)}): ParseAddr(${goQuote(address)}): unable to parse IP`;
  }
  const max = v4 ? 32 : 128;
  if (!/^(0|[1-9][0-9]*)$/.test(bits) || Number(bits) > max) return `netip.ParsePrefix(${goQuote(value)}): bad bits after slash: ${goQuote(bits)}`;
  return undefined;
}

function parseCidrs(label: string, value: string, allowStar: boolean): string | undefined {
  if (value === '' || (allowStar && value === '*')) return undefined;
  for (const cidr of value.split(',')) {
    const problem = parsePrefix(cidr);
    if (problem) return `${label} invalid: failed parsing cidr '${cidr}': ${problem}`;
  }
  return undefined;
}

const GO_BOOLEANS = new Set(['1', 't', 'T', 'TRUE', 'true', 'True', '0', 'f', 'F', 'FALSE', 'false', 'False']);

/** The check of each annotation that has one: the problem with a value, or undefined. */
export const ANNOTATION_VALIDATORS: Record<string, (value: string) => string | undefined> = {
  'sidecar.istio.io/interceptionMode': value =>
    ['REDIRECT', 'TPROXY', 'NONE'].includes(value) ? undefined : `interceptionMode invalid, use REDIRECT,TPROXY,NONE: ${value}`,
  'status.sidecar.istio.io/port': value => {
    const problem = parsePort(value);
    return problem ? `excludeInboundPorts invalid: ${problem}` : undefined;
  },
  'readiness.status.sidecar.istio.io/initialDelaySeconds': value => parseUint(value, 32),
  'readiness.status.sidecar.istio.io/periodSeconds': value => parseUint(value, 32),
  'readiness.status.sidecar.istio.io/failureThreshold': value => parseUint(value, 32),
  'traffic.sidecar.istio.io/includeOutboundIPRanges': value => parseCidrs('includeIPRanges', value, true),
  'traffic.sidecar.istio.io/excludeOutboundIPRanges': value => parseCidrs('excludeIPRanges', value, false),
  'traffic.sidecar.istio.io/includeInboundPorts': value => parsePorts('includeInboundPorts', value, true),
  'traffic.sidecar.istio.io/excludeInboundPorts': value => parsePorts('excludeInboundPorts', value, false),
  'traffic.sidecar.istio.io/excludeOutboundPorts': value => parsePorts('excludeOutboundPorts', value, false),
  'prometheus.istio.io/merge-metrics': value => (GO_BOOLEANS.has(value) ? undefined : invalidSyntax('strconv.ParseBool', value)),
};
