import { InfoCard, StatusError, StatusOK, StatusWarning } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { describeCode, Finding } from '@meshport/plugin-mesh-common';

function Level({ finding }: { finding: Finding }) {
  if (finding.level === 'error') return <StatusError>{finding.code}</StatusError>;
  if (finding.level === 'warning') return <StatusWarning>{finding.code}</StatusWarning>;
  return <StatusOK>{finding.code}</StatusOK>;
}

/** Config findings with their codes and what to do about each. */
export function FindingsCard({ findings }: { findings: Finding[] }) {
  return (
    <InfoCard title="Findings">
      {findings.length === 0 && <Typography variant="body2">No findings.</Typography>}
      <ul>
        {findings.map(finding => (
          <li key={`${finding.code}-${finding.resource}-${finding.path ?? ''}`}>
            <Level finding={finding} /> {finding.resource}: {finding.message}
            {describeCode(finding.code)?.fix && (
              <Typography variant="caption" display="block">
                What to do: {describeCode(finding.code)?.fix}
              </Typography>
            )}
          </li>
        ))}
      </ul>
    </InfoCard>
  );
}
