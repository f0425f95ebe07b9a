import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { VersionSeries } from '@meshport/plugin-mesh-common';

const COLORS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#9467bd'];
const WIDTH = 320;
const HEIGHT = 60;

type Pick = (point: VersionSeries['points'][number]) => number | undefined;

/** One small chart: a line per version, and dashed lines at the thresholds. */
function Panel({
  title,
  series,
  pick,
  unit,
  thresholds = [],
}: {
  title: string;
  series: VersionSeries[];
  pick: Pick;
  unit: (v: number) => string;
  thresholds?: Array<{ value: number; label: string }>;
}) {
  const times = series.flatMap(s => s.points.map(p => p.time));
  const [start, end] = [Math.min(...times), Math.max(...times)];
  const values = series.flatMap(s => s.points.map(pick)).filter((v): v is number => v !== undefined && Number.isFinite(v));
  const max = Math.max(...values, ...thresholds.map(t => t.value), Number.MIN_VALUE);
  const x = (time: number) => (end > start ? ((time - start) / (end - start)) * WIDTH : 0);
  const y = (value: number) => HEIGHT - 4 - (value / max) * (HEIGHT - 8);
  return (
    <Box>
      <Typography variant="caption">
        {title} (up to {unit(max)})
      </Typography>
      <svg width={WIDTH} height={HEIGHT} role="img" aria-label={`${title} per version over the last 30 minutes`}>
        {thresholds.map(t => (
          <line key={t.label} x1={0} x2={WIDTH} y1={y(t.value)} y2={y(t.value)} stroke="#d32f2f" strokeDasharray="4 3" strokeWidth={1}>
            <title>{t.label}</title>
          </line>
        ))}
        {series.map((s, i) => {
          const points = s.points.filter(p => pick(p) !== undefined && Number.isFinite(pick(p)!)).map(p => `${x(p.time)},${y(pick(p)!)}`);
          return points.length > 1 ? (
            <polyline key={s.version} points={points.join(' ')} fill="none" stroke={COLORS[i % COLORS.length]} strokeWidth={2} />
          ) : null;
        })}
      </svg>
    </Box>
  );
}

/** Rate, 5xx share and p99 of each version over the last 30 minutes, the error-rate thresholds drawn. */
export function VersionChart({ series, thresholds }: { series: VersionSeries[]; thresholds?: { degradedPercent: number; failingPercent: number } }) {
  if (series.every(s => s.points.length < 2)) return null;
  const percent = (v: number) => `${(v * 100).toFixed(2)}%`;
  return (
    <Box aria-label="per-version chart" my={1}>
      <Typography variant="body2">
        {series.map((s, i) => (
          <span key={s.version} style={{ color: COLORS[i % COLORS.length], marginRight: 12 }}>
            ■ {s.version}
          </span>
        ))}
      </Typography>
      <Panel title="Requests per second" series={series} pick={p => p.requestRate} unit={v => v.toFixed(1)} />
      <Panel
        title="5xx share"
        series={series}
        pick={p => p.errorShare}
        unit={percent}
        thresholds={
          thresholds
            ? [
                { value: thresholds.degradedPercent / 100, label: `degraded from ${thresholds.degradedPercent}%` },
                { value: thresholds.failingPercent / 100, label: `failing from ${thresholds.failingPercent}%` },
              ]
            : []
        }
      />
      <Panel title="p99 (ms)" series={series} pick={p => p.p99} unit={v => `${Math.round(v)} ms`} />
    </Box>
  );
}
