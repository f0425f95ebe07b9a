import { InfoCard } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { PolicyEnforcer, SecurityStatus } from '@meshport/plugin-mesh-common';
import { authorizationInWords } from './authorizationInWords';

/** Where a policy is enforced, in words; nowhere is said loudly, as the policy protects nothing. */
export function enforcedByInWords(enforcedBy: PolicyEnforcer[]): string {
  return enforcedBy.length > 0 ? `enforced by ${enforcedBy.join(' and ')}` : 'enforced nowhere: no sidecar, ztunnel or waypoint applies it';
}

/** Effective mTLS per port, authorization rules in words, JWT issuers. */
export function SecurityCard({ security }: { security: SecurityStatus }) {
  return (
    <InfoCard title="Security">
      <Typography variant="subtitle2">Mutual TLS</Typography>
      <ul>
        {security.mtls.flatMap(workload =>
          workload.ports.map(port => (
            <li key={`${workload.workload}-${port.port}`}>
              {workload.workload} {port.port === '*' ? 'all ports' : `workload port ${port.port}`}: <strong>{port.mode}</strong> ({port.source}
              {port.policy ? `, ${port.policy}` : ''}){port.bypassed ? <strong> · not intercepted by the sidecar: mTLS and authorization do not apply</strong> : null}
            </li>
          )),
        )}
      </ul>
      <Typography variant="subtitle2">Who may call</Typography>
      <ul>
        {security.authorizationPolicies.length === 0 && <li>No authorization policy: every caller is allowed.</li>}
        {security.authorizationPolicies.flatMap(policy =>
          authorizationInWords(policy).map((sentence, i) => (
            <li key={`${policy.namespace}/${policy.name}/${i}`}>
              {sentence}{' '}
              <Typography variant="caption">
                ({policy.namespace}/{policy.name}, {enforcedByInWords(policy.enforcedBy)})
              </Typography>
            </li>
          )),
        )}
      </ul>
      <Typography variant="subtitle2">JWT issuers</Typography>
      <ul>
        {security.requestAuthentications.length === 0 && <li>None</li>}
        {security.requestAuthentications.flatMap(ra =>
          ra.issuers.map(issuer => (
            <li key={`${ra.name}-${issuer.issuer}`}>
              {issuer.issuer}
              {issuer.audiences?.length ? ` (audiences: ${issuer.audiences.join(', ')})` : ''}{' '}
              <Typography variant="caption">({enforcedByInWords(ra.enforcedBy)})</Typography>
            </li>
          )),
        )}
      </ul>
    </InfoCard>
  );
}
