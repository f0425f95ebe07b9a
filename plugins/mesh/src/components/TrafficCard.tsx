import { InfoCard, LinkButton } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { CanaryStatus, HealthStatus, TrafficStatus } from '@meshport/plugin-mesh-common';
import { CanaryAnalysisView } from './CanaryAnalysisView';
import { HealthCharts } from './charts/HealthCharts';
import { TimeRangePicker } from './charts/timeRange';
import { CanarySplitBar } from './CanarySplitBar';
import { adoptCanaryLink, onboardingLinkFor, useTemplateHref } from './templateLinks';
import { StoredPolicy } from './useStoredPolicy';

/** Why a running canary is not in Git: no policy at all, or a policy without a canary; undefined when Git holds it or is unknown. */
function canaryOutsideGit(stored: StoredPolicy | undefined): 'none' | 'no-canary' | undefined {
  if (stored === 'none') return 'none';
  return stored && !stored.policy.canary ? 'no-canary' : undefined;
}

/**
 * A canary the cluster runs and Git does not hold: a canary step edits what Git holds, so it says so and
 * offers to adopt the running canary (or to put the service on the mesh first) instead of a step that would fail.
 */
function CanaryOutsideGit({ canary, entityRef, stored }: { canary: CanaryStatus; entityRef: string; stored: 'none' | 'no-canary' }) {
  const templateHref = useTemplateHref();
  const adopt = adoptCanaryLink(entityRef, canary);
  const link = stored === 'none' ? templateHref(onboardingLinkFor(entityRef)) : adopt && templateHref(adopt);
  return (
    <Box aria-label="canary outside git" my={1}>
      <Typography variant="body2" color="error">
        {stored === 'none'
          ? 'The cluster runs this canary, but Git holds no Meshport policy for this service: put it on the mesh first, then adopt the canary into Git.'
          : 'The cluster runs this canary, but the policy in Git has none: adopt it into Git first, so that a shift, a promotion or a rollback can change it.'}
      </Typography>
      {link && (
        <LinkButton to={link} color="primary" variant="outlined" size="small">
          {stored === 'none' ? 'Put the service on the mesh' : 'Adopt the running canary into Git'}
        </LinkButton>
      )}
    </Box>
  );
}

/** Routes of the entity's hosts, the canary split with per-version health, and the canary judged against its thresholds. */
export function TrafficCard({
  traffic,
  health,
  entityRef,
  stored,
}: {
  traffic: TrafficStatus;
  health: HealthStatus;
  entityRef?: string;
  /** What Git holds for the entity, asked once for the whole tab (undefined while unknown). */
  stored?: StoredPolicy;
}) {
  const outsideGit = traffic.canary ? canaryOutsideGit(stored) : undefined;
  return (
    <InfoCard title="Traffic">
      <Typography variant="subtitle2">Canary</Typography>
      {traffic.canary ? (
        <CanarySplitBar canary={traffic.canary} health={health.perVersion} />
      ) : (
        <Typography variant="body2">No canary: all traffic goes to one version.</Typography>
      )}
      {traffic.canary && entityRef && outsideGit && <CanaryOutsideGit canary={traffic.canary} entityRef={entityRef} stored={outsideGit} />}
      {traffic.canary?.analysis && <CanaryAnalysisView analysis={traffic.canary.analysis} entityRef={outsideGit ? undefined : entityRef} />}
      {traffic.canary?.analysis && health.versionSeries && health.versionSeries.length > 0 && (
        <Box aria-label="canary charts" my={1}>
          <Box display="flex" justifyContent="flex-end">
            <TimeRangePicker />
          </Box>
          <HealthCharts series={health.versionSeries} canary={traffic.canary.analysis.thresholds} stacked />
        </Box>
      )}
      <Typography variant="subtitle2">Routes</Typography>
      <ul>
        {traffic.virtualServices.length === 0 && <li>No VirtualService: Kubernetes service routing.</li>}
        {traffic.virtualServices.flatMap(vs =>
          vs.routes.map((route, i) => (
            <li key={`${vs.namespace}/${vs.name}/${i}`}>
              {route.match.length > 0 ? `When ${route.match.join(' and ')}` : 'Otherwise'}:{' '}
              {route.destinations.map(d => `${d.subset ?? d.host} ${d.weight}%`).join(', ')}
            </li>
          )),
        )}
      </ul>
      {traffic.destinationRules.map(dr => (
        <Typography key={`${dr.namespace}/${dr.name}`} variant="body2">
          DestinationRule {dr.namespace}/{dr.name}: subsets {dr.subsets.map(s => s.name).join(', ') || 'none'}
        </Typography>
      ))}
    </InfoCard>
  );
}
