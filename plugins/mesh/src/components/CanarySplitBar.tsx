import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { CanaryStatus, VersionHealth } from '@meshport/plugin-mesh-common';
import { milliseconds, percent } from './format';

const COLORS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#9467bd'];

/** The canary split as one bar, each subset's share with its success rate and p99 beside it. */
export function CanarySplitBar({ canary, health }: { canary: CanaryStatus; health: VersionHealth[] }) {
  return (
    <Box>
      <Box display="flex" height={24} borderRadius={4} overflow="hidden" aria-label="canary split">
        {canary.split
          .filter(entry => entry.weight > 0)
          .map((entry, i) => (
            <Box
              key={entry.subset}
              width={`${entry.weight}%`}
              bgcolor={COLORS[i % COLORS.length]}
              color="#fff"
              textAlign="center"
              fontSize={12}
              lineHeight="24px"
            >
              {entry.subset} {entry.weight}%
            </Box>
          ))}
      </Box>
      <ul>
        {canary.split.map(entry => {
          const figures = health.find(h => h.version === (entry.version ?? entry.subset));
          const success = figures?.errorShare === undefined ? undefined : 1 - figures.errorShare;
          return (
            <li key={entry.subset}>
              <Typography variant="body2">
                {entry.subset}: {entry.weight}% of traffic, {entry.readyPods}/{entry.pods} pods ready, success {percent(success)}, p99{' '}
                {milliseconds(figures?.latencyMs.p99)}
              </Typography>
            </li>
          );
        })}
      </ul>
    </Box>
  );
}
