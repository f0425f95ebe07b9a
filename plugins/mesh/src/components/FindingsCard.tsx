import { InfoCard, LinkButton } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { ClusterMeshStatus } from '@meshport/plugin-mesh-common';
import { describeCode, Finding } from '@meshport/istio-config';
import { fixFor } from './attention/attentionItems';
import { SeverityMark } from './attention/SeverityMark';
import { useTemplateHref } from './templateLinks';

const LEVELS: Finding['level'][] = ['error', 'warning', 'info'];

/** Each finding with its level's colour (never a green check), its code, what to do, and the template that fixes it where one does. */
export function FindingsCard({ cluster, entityRef }: { cluster: ClusterMeshStatus; entityRef?: string }) {
  const templateHref = useTemplateHref();
  const ordered = [...cluster.findings].sort((a, b) => LEVELS.indexOf(a.level) - LEVELS.indexOf(b.level));
  return (
    <InfoCard title="Findings">
      {cluster.pending?.includes('findings') ? (
        <Typography variant="body2" role="status">
          Meshport is still analysing cluster {cluster.cluster}'s configuration (it started moments ago): its findings appear when the analysis ends.
          {ordered.length > 0 ? ' Already seen from the traffic:' : ''}
        </Typography>
      ) : (
        ordered.length === 0 && <Typography variant="body2">No findings.</Typography>
      )}
      <ul aria-label="findings">
        {ordered.map(finding => {
          const action = entityRef ? fixFor(finding, cluster, entityRef) : undefined;
          const href = action && templateHref(action.link);
          return (
            <li key={`${finding.code}-${finding.resource}-${finding.path ?? ''}`} data-level={finding.level}>
              <SeverityMark severity={finding.level}>{finding.code}</SeverityMark> {finding.resource}: {finding.message}
              {describeCode(finding.code)?.fix && (
                <Typography variant="caption" display="block">
                  What to do: {describeCode(finding.code)?.fix}
                </Typography>
              )}
              {href && (
                <LinkButton to={href} color="primary" variant="outlined" size="small">
                  {action!.label}
                </LinkButton>
              )}
            </li>
          );
        })}
      </ul>
    </InfoCard>
  );
}
