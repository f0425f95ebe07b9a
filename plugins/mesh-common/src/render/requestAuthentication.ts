import type { IstioObject } from '@meshport/istio-config';
import { MeshPolicy } from '../model';
import { prune } from './kubeObject';
import { policyTarget, serviceMetadata } from './names';

/** The workload's RequestAuthentication: which issuers' tokens it validates. */
export function renderRequestAuthentication(policy: MeshPolicy): IstioObject<'RequestAuthentication'> | undefined {
  if (!policy.jwt) return undefined;
  return prune({
    apiVersion: 'security.istio.io/v1',
    kind: 'RequestAuthentication',
    metadata: serviceMetadata(policy, 'jwt'),
    spec: {
      ...policyTarget(policy),
      jwtRules: policy.jwt.rules.map(rule => ({
        issuer: rule.issuer,
        jwksUri: rule.jwksUri,
        audiences: rule.audiences,
        forwardOriginalToken: rule.forwardOriginalToken || undefined,
        fromHeaders: rule.fromHeaders.map(header => ({ name: header.name, prefix: header.prefix })),
        outputClaimToHeaders: rule.outputClaimToHeaders.map(({ header, claim }) => ({ header, claim })),
      })),
    },
  });
}
