import { InfoCard } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { HealthStatus } from '@meshport/plugin-mesh-common';
import { milliseconds, percent, requestRate } from './format';

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

/** Request rate, error share and latency from Istio's metrics; the reason when they are unknown. */
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
  const { overall } = health;
  return (
    <InfoCard title="Health" subheader={`last ${health.window}`}>
      <Typography variant="body1">
        {requestRate(overall.requestRate)}, errors {percent(overall.errorShare, 2)}, p50 {milliseconds(overall.latencyMs.p50)}, p90 {milliseconds(overall.latencyMs.p90)}, p99{' '}
        {milliseconds(overall.latencyMs.p99)}
      </Typography>
      <Typography variant="body2">Over mutual TLS: {percent(health.mtlsShare)}</Typography>
      <RequestRateSparkline series={health.series} />
      <ul>
        {health.perVersion.map(v => (
          <li key={v.version}>
            {v.version}: {requestRate(v.requestRate)}, errors {percent(v.errorShare, 2)}, p99 {milliseconds(v.latencyMs.p99)}
          </li>
        ))}
      </ul>
    </InfoCard>
  );
}
