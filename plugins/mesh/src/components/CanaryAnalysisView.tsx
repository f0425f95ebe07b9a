import { LinkButton, StatusError, StatusOK } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { CanaryAnalysis, CanaryCheck } from '@meshport/plugin-mesh-common';
import { milliseconds } from './format';
import { canaryStepLink, useTemplateHref } from './templateLinks';

/** A check's figure for people: requests as a count, the success rate as a percentage, p99 in milliseconds. */
function figure(check: CanaryCheck, value: number | undefined): string {
  if (value === undefined) return 'n/a';
  if (check.name === 'requests') return String(Math.round(value));
  if (check.name === 'success rate') return `${value.toFixed(1)}%`;
  return milliseconds(value);
}

const BOUND: Record<CanaryCheck['name'], string> = { requests: 'at least', 'success rate': 'at least', p99: 'at most' };

const ACTION: Record<CanaryAnalysis['verdict'], string> = { wait: 'Wait', shift: 'Shift', promote: 'Promote', rollback: 'Roll back' };

/** Each check of the canary against the stable version and its threshold, the verdict, and the button to the change request. */
export function CanaryAnalysisView({ analysis, entityRef }: { analysis: CanaryAnalysis; entityRef?: string }) {
  const templateHref = useTemplateHref();
  const next = entityRef ? canaryStepLink(entityRef, analysis) : undefined;
  const link = next && templateHref(next);
  return (
    <Box aria-label="canary analysis" my={1}>
      <table style={{ fontSize: 13, borderSpacing: '12px 2px' }}>
        <thead>
          <tr>
            <th align="left">Check</th>
            <th align="left">Canary {analysis.canaryVersion}</th>
            <th align="left">Stable {analysis.stableVersion}</th>
            <th align="left">Threshold</th>
            <th align="left">Result</th>
          </tr>
        </thead>
        <tbody>
          {analysis.checks.map(check => (
            <tr key={check.name}>
              <td>{check.name}</td>
              <td>{figure(check, check.canary)}</td>
              <td>{figure(check, check.stable)}</td>
              <td>
                {BOUND[check.name]} {figure(check, check.threshold)}
              </td>
              <td>{check.pass ? <StatusOK>pass</StatusOK> : <StatusError>fails</StatusError>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Typography variant="body2">
        Verdict: <strong>{ACTION[analysis.verdict].toLowerCase()}</strong>, {analysis.reason} (thresholds from{' '}
        {analysis.source === 'route' ? "the canary's own policy" : "the portal's config"}).
      </Typography>
      {link && (
        <LinkButton to={link} color={analysis.verdict === 'rollback' ? 'secondary' : 'primary'} variant="outlined" size="small">
          {ACTION[analysis.verdict]}
          {analysis.verdict === 'shift' ? ` to ${analysis.nextWeight}%` : ''}: open the change request
        </LinkButton>
      )}
    </Box>
  );
}
