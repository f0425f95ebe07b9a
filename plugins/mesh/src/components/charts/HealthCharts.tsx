import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import { VersionSeries } from '@meshport/plugin-mesh-common';
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTimeRange, withinRange } from './timeRange';

const COLOURS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#9467bd', '#8c564b'];

type Metric = 'requestRate' | 'errorShare' | 'p99';

/** One row per minute with each version's value of a metric under its version's name. */
export function chartRows(series: VersionSeries[], metric: Metric, minutes: number): Array<Record<string, number>> {
  const rows = new Map<number, Record<string, number>>();
  for (const s of series) {
    for (const point of withinRange(s.points, minutes)) {
      const value = point[metric];
      if (value === undefined || !Number.isFinite(value)) continue;
      const row = rows.get(point.time) ?? { time: point.time };
      row[s.version] = metric === 'errorShare' ? value * 100 : value;
      rows.set(point.time, row);
    }
  }
  return [...rows.values()].sort((a, b) => a.time - b.time);
}

const clock = (time: number) => new Date(time * 1000).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** One chart: a line per version over time, with its unit on the axis and its thresholds as labelled lines. */
function Chart({
  title,
  unit,
  rows,
  versions,
  thresholds = [],
}: {
  title: string;
  unit: string;
  rows: Array<Record<string, number>>;
  versions: string[];
  thresholds?: Array<{ value: number; label: string; colour: string }>;
}) {
  const theme = useTheme();
  return (
    <Box aria-label={`${title} chart`} role="figure">
      <Typography variant="subtitle2">
        {title} ({unit})
      </Typography>
      <ResponsiveContainer width="100%" height={200}>
        <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke={theme.palette.divider} />
          <XAxis dataKey="time" type="number" domain={['dataMin', 'dataMax']} tickFormatter={clock} stroke={theme.palette.text.secondary} fontSize={11} />
          <YAxis stroke={theme.palette.text.secondary} fontSize={11} width={48} />
          <Tooltip labelFormatter={time => clock(Number(time))} formatter={(value: number) => `${Number(value.toFixed(2))} ${unit}`} />
          <Legend />
          {thresholds.map(t => (
            <ReferenceLine
              key={t.label}
              y={t.value}
              stroke={t.colour}
              strokeDasharray="6 3"
              label={{ value: t.label, position: 'insideTopRight', fontSize: 11 }}
            />
          ))}
          {versions.map((version, i) => (
            <Line
              key={version}
              type="monotone"
              dataKey={version}
              name={version}
              stroke={COLOURS[i % COLOURS.length]}
              dot={false}
              strokeWidth={2}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </Box>
  );
}

/**
 * Each version's request rate, 5xx share and p99 over the chosen time range: the error-rate thresholds
 * drawn on the 5xx chart, or a canary's bounds (its highest 5xx share and p99).
 */
export function HealthCharts({
  series,
  thresholds,
  canary,
  stacked = false,
}: {
  series: VersionSeries[];
  /** One chart under the other, for a half-width card. */
  stacked?: boolean;
  thresholds?: { degradedPercent: number; failingPercent: number };
  canary?: { minSuccessRate: number; maxP99Ms: number };
}) {
  const { minutes } = useTimeRange();
  const theme = useTheme();
  const versions = series.map(s => s.version);
  if (series.every(s => s.points.length < 2)) {
    return <Typography variant="body2">Too few points to draw yet: the charts need two minutes of traffic.</Typography>;
  }
  const failing = theme.palette.error.main;
  // The lines a 5xx chart draws: the service's error-rate thresholds, and the canary's highest 5xx share.
  const errorLines = [
    ...(thresholds ? [{ value: thresholds.degradedPercent, label: `degraded from ${thresholds.degradedPercent}%`, colour: theme.palette.warning.main }] : []),
    ...(thresholds ? [{ value: thresholds.failingPercent, label: `failing from ${thresholds.failingPercent}%`, colour: failing }] : []),
    ...(canary
      ? [{ value: 100 - canary.minSuccessRate, label: `canary fails above ${Number((100 - canary.minSuccessRate).toFixed(2))}%`, colour: failing }]
      : []),
  ];
  const latencyLines = canary ? [{ value: canary.maxP99Ms, label: `canary fails above ${canary.maxP99Ms} ms`, colour: failing }] : [];
  const charts = [
    { title: 'Requests', unit: 'req/s', metric: 'requestRate' as const, lines: [] },
    { title: '5xx answers', unit: '%', metric: 'errorShare' as const, lines: errorLines },
    { title: 'p99 latency', unit: 'ms', metric: 'p99' as const, lines: latencyLines },
  ];
  return (
    <Grid container spacing={2}>
      {charts.map(chart => (
        <Grid item xs={12} lg={stacked ? 12 : 4} key={chart.metric}>
          <Chart title={chart.title} unit={chart.unit} rows={chartRows(series, chart.metric, minutes)} versions={versions} thresholds={chart.lines} />
        </Grid>
      ))}
    </Grid>
  );
}
