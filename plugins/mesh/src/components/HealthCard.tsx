import { InfoCard, StatusError, StatusOK, StatusPending, StatusWarning } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { HealthState, HealthStatus } from '@meshport/plugin-mesh-common';
import { milliseconds, percent, requestRate } from './format';
import { HealthCharts } from './charts/HealthCharts';
import { TimeRangePicker } from './charts/timeRange';

/** A health state as Backstage's status marks show them. */
function HealthMark({ state }: { state: HealthState }) {
  if (state === 'healthy') return <StatusOK>healthy</StatusOK>;
  if (state === 'degraded') return <StatusWarning>degraded</StatusWarning>;
  if (state === 'failing') return <StatusError>failing</StatusError>;
  return <StatusPending>{state}</StatusPending>;
}

/** Request rate, error share and latency from Istio's metrics, judged against the error-rate thresholds; the reason when they are unknown. */
export function HealthCard({ health }: { health: HealthStatus }) {
  if (health.state === 'unknown') {
    return (
      <InfoCard title="Health">
        <Typography variant="body2">Health unknown: {health.reason}</Typography>
      </InfoCard>
    );
  }
  if (health.state === 'no-traffic' || !health.overall) {
    return (
      <InfoCard title="Health">
        <Typography variant="body2">No requests in the last {health.window}.</Typography>
      </InfoCard>
    );
  }
  const { overall, assessment } = health;
  const versionState = (version: string) => assessment?.perVersion.find(v => v.version === version)?.state;
  return (
    <InfoCard title="Health" subheader={`last ${health.window}`}>
      {assessment && (
        <Typography variant="body1" aria-label="health assessment">
          <HealthMark state={assessment.state} /> 5xx degraded from {assessment.thresholds.degradedPercent}%, failing from{' '}
          {assessment.thresholds.failingPercent}% (
          {assessment.source === 'entity' ? "the component's meshport.io/error-rate-thresholds" : "the portal's thresholds"})
        </Typography>
      )}
      <Typography variant="body1">
        {requestRate(overall.requestRate)}, errors {percent(overall.errorShare, 2)}, p50 {milliseconds(overall.latencyMs.p50)}, p90{' '}
        {milliseconds(overall.latencyMs.p90)}, p99 {milliseconds(overall.latencyMs.p99)}
      </Typography>
      <Typography variant="body2">Over mutual TLS: {percent(health.mtlsShare)}</Typography>
      <Box display="flex" justifyContent="flex-end" my={1}>
        <TimeRangePicker />
      </Box>
      <HealthCharts
        series={health.versionSeries && health.versionSeries.length > 0 ? health.versionSeries : [{ version: 'all versions', points: health.series }]}
        thresholds={assessment?.thresholds}
      />
      <ul>
        {health.perVersion.map(v => (
          <li key={v.version}>
            {v.version}: {requestRate(v.requestRate)}, errors {percent(v.errorShare, 2)}, p99 {milliseconds(v.latencyMs.p99)}{' '}
            {versionState(v.version) && <HealthMark state={versionState(v.version)!} />}
          </li>
        ))}
      </ul>
    </InfoCard>
  );
}
