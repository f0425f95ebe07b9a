import { InfoCard, StatusError, StatusOK, StatusPending, StatusWarning } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { HealthState, HealthStatus } from '@meshport/plugin-mesh-common';
import { milliseconds, percent, requestRate } from './format';
import { VersionChart } from './VersionChart';

/** The request rate of the last 30 minutes as a small line. */
function RequestRateSparkline({ series }: { series: HealthStatus['series'] }) {
  if (series.length < 2) return null;
  const max = Math.max(...series.map(p => p.requestRate), 1);
  const points = series.map((p, i) => `${(i / (series.length - 1)) * 200},${40 - (p.requestRate / max) * 36}`).join(' ');
  return (
    <svg width={200} height={40} role="img" aria-label="request rate over the last 30 minutes">
      <polyline points={points} fill="none" stroke="#1f77b4" strokeWidth={2} />
    </svg>
  );
}

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
      {health.versionSeries && health.versionSeries.length > 0 ? (
        <VersionChart series={health.versionSeries} thresholds={assessment?.thresholds} />
      ) : (
        <RequestRateSparkline series={health.series} />
      )}
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
