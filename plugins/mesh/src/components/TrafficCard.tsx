import { InfoCard } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { HealthStatus, TrafficStatus } from '@meshport/plugin-mesh-common';
import { CanaryAnalysisView } from './CanaryAnalysisView';
import { CanarySplitBar } from './CanarySplitBar';

/** Routes of the entity's hosts, the canary split with per-version health, and the canary judged against its thresholds. */
export function TrafficCard({ traffic, health, entityRef }: { traffic: TrafficStatus; health: HealthStatus; entityRef?: string }) {
  return (
    <InfoCard title="Traffic">
      <Typography variant="subtitle2">Canary</Typography>
      {traffic.canary ? (
        <CanarySplitBar canary={traffic.canary} health={health.perVersion} />
      ) : (
        <Typography variant="body2">No canary: all traffic goes to one version.</Typography>
      )}
      {traffic.canary?.analysis && <CanaryAnalysisView analysis={traffic.canary.analysis} entityRef={entityRef} />}
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
