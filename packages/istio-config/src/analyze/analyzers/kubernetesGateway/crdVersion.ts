import { finding } from '../../findings';
import { messageFor } from '../../codes';
import { Analyzer } from '../../types';

/** The annotation Gateway API CRDs carry their release in (sigs.k8s.io/gateway-api consts.BundleVersionAnnotation). */
const BUNDLE_VERSION_ANNOTATION = 'gateway.networking.k8s.io/bundle-version';

/** The oldest release of each Gateway API CRD Istio reads (pkg/config/schema/gatewayapi/minimumversions.go), as [major, minor, patch]. */
const MINIMUM_CRD_VERSIONS: Record<string, [bigint, bigint, bigint]> = {
  'grpcroutes.gateway.networking.k8s.io': [1n, 1n, 0n],
  'backendtlspolicies.gateway.networking.k8s.io': [1n, 4n, 0n],
  'tlsroutes.gateway.networking.k8s.io': [1n, 5n, 0n],
};

const MAX_UINT64 = (1n << 64n) - 1n;

interface Version {
  numbers: [bigint, bigint, bigint];
  prerelease: string;
  metadata: string;
}

const isDigit = (character: string) => character >= '0' && character <= '9';
const isIdentifierCharacter = (character: string) =>
  isDigit(character) || (character >= 'a' && character <= 'z') || (character >= 'A' && character <= 'Z') || character === '-';

/** Dot-separated, non-empty identifiers of [0-9A-Za-z-]; with `noLeadingZeros`, numeric ones without a leading 0 (semver's prerelease). */
function validIdentifiers(text: string, noLeadingZeros: boolean): boolean {
  return text.split('.').every(part => {
    if (part === '' || ![...part].every(isIdentifierCharacter)) return false;
    return !(noLeadingZeros && [...part].every(isDigit) && part.length > 1 && part.startsWith('0'));
  });
}

/**
 * A version as Masterminds semver v3's NewVersion reads it (coercing): an optional "v", a major number,
 * optional minor and patch numbers (leading zeros allowed), an optional prerelease after "-" and build
 * metadata after "+"; undefined when it does not parse.
 */
export function parseLooseVersion(text: string): Version | undefined {
  let rest = text.startsWith('v') ? text.slice(1) : text;
  let metadata = '';
  let prerelease = '';
  const plus = rest.indexOf('+');
  if (plus !== -1) {
    metadata = rest.slice(plus + 1);
    rest = rest.slice(0, plus);
    if (!validIdentifiers(metadata, false)) return undefined;
  }
  const dash = rest.indexOf('-');
  if (dash !== -1) {
    prerelease = rest.slice(dash + 1);
    rest = rest.slice(0, dash);
    if (!validIdentifiers(prerelease, true)) return undefined;
  }
  const parts = rest.split('.');
  if (parts.length > 3 || parts.some(part => part === '' || ![...part].every(isDigit))) return undefined;
  const numbers = [0, 1, 2].map(i => (parts[i] === undefined ? 0n : BigInt(parts[i]))) as [bigint, bigint, bigint];
  if (numbers.some(n => n > MAX_UINT64)) return undefined;
  return { numbers, prerelease, metadata };
}

/** Masterminds' Version.String(): MAJOR.MINOR.PATCH[-prerelease][+metadata], without the "v". */
function versionString({ numbers, prerelease, metadata }: Version): string {
  return `${numbers.join('.')}${prerelease ? `-${prerelease}` : ''}${metadata ? `+${metadata}` : ''}`;
}

function lessThan(a: readonly bigint[], b: readonly bigint[]): boolean {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] < b[i];
  return false;
}

/**
 * IST0176, after Istio's pkg/config/analysis/analyzers/k8sgateway/crdversion.go: a Gateway API CRD that
 * Istio needs at a minimum release, whose bundle-version annotation is older (a prerelease of the minimum
 * counts as the minimum). A CRD without the annotation, or with one that is no version, is not judged.
 */
export const GatewayApiCrdVersionAnalyzer: Analyzer = {
  metadata: {
    name: 'k8sgateway.CRDVersionAnalyzer',
    description: 'Checks Gateway API CRDs are at the minimum version required by this Istio version',
    inputs: ['CustomResourceDefinition'],
  },
  analyze({ index, report }) {
    for (const crd of index.ofKind('CustomResourceDefinition')) {
      const name = crd.metadata.name;
      const minimum = Object.hasOwn(MINIMUM_CRD_VERSIONS, name) ? MINIMUM_CRD_VERSIONS[name] : undefined;
      const annotation = crd.metadata.annotations?.[BUNDLE_VERSION_ANNOTATION];
      if (!minimum || typeof annotation !== 'string') continue;
      const installed = parseLooseVersion(annotation);
      if (!installed || !lessThan(installed.numbers, minimum)) continue;
      report(finding('IST0176', crd, messageFor('IST0176', name, versionString(installed), minimum.join('.'))));
    }
  },
};
