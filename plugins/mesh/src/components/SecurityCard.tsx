import { InfoCard, LinkButton } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { callerName, DryRunStatus, PolicyEnforcer, PortMtls, SecurityStatus, WorkloadMtls } from '@meshport/plugin-mesh-common';
import { enforceLink, useTemplateHref } from './templateLinks';
import { authorizationInWords } from './authorizationInWords';

/** Where a policy is enforced, in words; nowhere is said loudly, as the policy protects nothing. */
export function enforcedByInWords(enforcedBy: PolicyEnforcer[]): string {
  return enforcedBy.length > 0 ? `enforced by ${enforcedBy.join(' and ')}` : 'enforced nowhere: no sidecar, ztunnel or waypoint applies it';
}

const SOURCE: Record<PortMtls['source'], string> = {
  workload: "the workload's PeerAuthentication",
  namespace: "the namespace's PeerAuthentication",
  mesh: "the mesh's PeerAuthentication",
  default: "Istio's default, no PeerAuthentication",
};

function modeOf(port: PortMtls): string {
  return `${port.mode} (${port.policy ? `by ${port.policy}, ${port.source}-wide` : SOURCE[port.source]})`;
}

/** Each workload's mode in one line: its mode on all ports, then only the ports that differ from it or that the sidecar does not intercept. */
export function mtlsInWords(workload: WorkloadMtls): string {
  const all = workload.ports.find(p => p.port === '*');
  const exceptions = workload.ports
    .filter(p => p.port !== '*' && (p.bypassed || !all || p.mode !== all.mode))
    .map(p => `port ${p.port}: ${p.bypassed ? 'not intercepted by the sidecar, so mutual TLS and authorization do not apply' : modeOf(p)}`);
  return [`${workload.workload}: ${all ? `${modeOf(all)} on every port` : 'no mode on every port'}`, ...exceptions].join('; ');
}

function MtlsList({ mtls }: { mtls: WorkloadMtls[] }) {
  return (
    <ul aria-label="mutual tls">
      {mtls.map(workload => (
        <li key={workload.workload}>{mtlsInWords(workload)}</li>
      ))}
    </ul>
  );
}

/** What the dry-run policies would have denied, and the button to the change that enforces them. */
function DryRunView({ dryRun, entityRef }: { dryRun: DryRunStatus; entityRef?: string }) {
  const templateHref = useTemplateHref();
  const enforceHref = entityRef && templateHref(enforceLink(entityRef));
  const figures = dryRun.unavailable
    ? `what they would deny is unknown: ${dryRun.unavailable}`
    : `they would have denied ${dryRun.deniedPerSecond!.toFixed(2)} requests/s over the last ${dryRun.window}`;
  return (
    <Box aria-label="authorization dry run" my={1}>
      <Typography variant="body2">
        In dry run, counted but not enforced: {dryRun.policies.join(', ')}; {figures}.
      </Typography>
      {enforceHref && (
        <LinkButton to={enforceHref} color="primary" variant="outlined" size="small">
          Enforce: open the change request
        </LinkButton>
      )}
    </Box>
  );
}

/** Effective mTLS per port, authorization rules in words and where each is enforced, a dry run's figures, observed callers against allowed ones, JWT issuers. */
export function SecurityCard({ security, entityRef, onMesh = true }: { security: SecurityStatus; entityRef?: string; onMesh?: boolean }) {
  // One name per caller: its catalog entity where the status knows it (the callers' check), else its principal in words.
  const entities = new Map((security.callers ?? []).filter(c => c.entityRef).map(c => [c.principal, c.entityRef]));
  const nameOf = (principal: string) => callerName(principal, entities.get(principal.replace(/^spiffe:\/\//, '')));
  return (
    <InfoCard title="Security">
      <Typography variant="subtitle2">Mutual TLS</Typography>
      {onMesh ? (
        <MtlsList mtls={security.mtls} />
      ) : (
        <Typography variant="body2" aria-label="mtls not applied">
          No pod has an Istio proxy: nothing enforces mutual TLS, and every port accepts plain text. The policies below apply once the pods are on the mesh.
        </Typography>
      )}
      <Typography variant="subtitle2">Who may call</Typography>
      <ul>
        {security.authorizationPolicies.length === 0 && <li>No authorization policy: every caller is allowed.</li>}
        {security.authorizationPolicies.flatMap(policy =>
          authorizationInWords(policy, nameOf).map((sentence, i) => (
            <li key={`${policy.namespace}/${policy.name}/${i}`}>
              {sentence}{' '}
              <Typography variant="caption">
                ({policy.namespace}/{policy.name}, {enforcedByInWords(policy.enforcedBy)})
              </Typography>
            </li>
          )),
        )}
      </ul>
      {security.dryRun && <DryRunView dryRun={security.dryRun} entityRef={entityRef} />}
      {security.callers && security.callers.length > 0 && (
        <>
          <Typography variant="subtitle2">Callers seen against callers allowed</Typography>
          <ul aria-label="callers seen and allowed">
            {security.callers.map(caller => (
              <li key={caller.principal} title={caller.principal}>
                {caller.observed && !caller.allowed ? <strong>{caller.words}</strong> : caller.words}
              </li>
            ))}
          </ul>
        </>
      )}
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
