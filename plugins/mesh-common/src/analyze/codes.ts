import { FindingLevel } from './types';

/** Every code the analyzers report, with its level and meaning. IST codes are istioctl analyze's. */
export const FINDING_CODES: Record<string, { level: FindingLevel; title: string; fix: string }> = {
  IST0101: { level: 'error', title: 'Referenced resource not found', fix: 'Create the referenced subset or gateway, or fix the reference.' },
  IST0102: { level: 'info', title: 'Namespace not enabled for sidecar injection', fix: 'Label the namespace istio-injection=enabled or istio.io/rev=<revision>, or onboard it with the namespace template.' },
  IST0103: { level: 'warning', title: 'Pod is missing the Istio proxy', fix: 'Restart the pod so the injector adds the sidecar.' },
  IST0127: { level: 'warning', title: 'Policy selects no workload', fix: 'Match the selector to the pods\' labels.' },
  IST0128: { level: 'warning', title: 'DestinationRule TLS without a CA (destination level)', fix: 'Set caCertificates or credentialName so the server certificate is verified.' },
  IST0129: { level: 'warning', title: 'DestinationRule TLS without a CA (port level)', fix: 'Set caCertificates or credentialName on the port-level TLS settings.' },
  IST0131: { level: 'info', title: 'Ineffective VirtualService match', fix: 'Move the route above the catch-all route or remove it.' },
  IST0132: { level: 'warning', title: 'VirtualService host not found in its Gateway', fix: 'Add the host to the Gateway\'s servers or remove it from the VirtualService.' },
  IST0145: { level: 'error', title: 'Conflicting Gateways', fix: 'Give each Gateway on the same workload and port its own hosts.' },
  MP0001: { level: 'error', title: 'Route weights do not sum to 100', fix: 'Make the destination weights of each route add up to 100.' },
  MP0002: { level: 'warning', title: 'Deny-all with no allow rule', fix: 'Add an ALLOW AuthorizationPolicy with the callers that need in, or every request is refused.' },
  MP0003: { level: 'error', title: 'JWT issuer or JWKS URI not https', fix: 'Fetch signing keys over https so they cannot be swapped in transit.' },
  MP0004: { level: 'error', title: 'Port-level mTLS without a workload selector', fix: 'Add a selector with matchLabels; Istio ignores port-level settings without one.' },
  MP0005: { level: 'warning', title: 'Canary subset with no pods', fix: 'Deploy pods with the subset\'s version label before sending traffic to it.' },
  MP0006: { level: 'info', title: 'mTLS is not STRICT', fix: 'Move to STRICT once every client has a sidecar.' },
  MP0007: {
    level: 'warning',
    title: 'Path match that other spellings of a path escape',
    fix: 'Use ALLOW with paths, or DENY with notPaths; and set meshConfig.pathNormalization to MERGE_SLASHES or stricter.',
  },
};

/** A finding's level and a one-line fix for its code. */
export function describeCode(code: string) {
  return FINDING_CODES[code];
}
