import { chartRows } from './HealthCharts';

describe('the rows a chart draws', () => {
  const series = [
    { version: 'v1', points: [0, 60, 120].map(time => ({ time, requestRate: 90, errorShare: 0.25, p99: 95 })) },
    { version: 'v2', points: [60, 120].map(time => ({ time, requestRate: 10, errorShare: 0.1 })) },
  ];

  it('puts each version under its name, the 5xx share in percent, for the chosen range only', () => {
    expect(chartRows(series, 'errorShare', 2)).toEqual([
      { time: 60, v1: 25, v2: 10 },
      { time: 120, v1: 25, v2: 10 },
    ]);
  });

  it('leaves out a version with no value at a minute', () => {
    expect(chartRows(series, 'p99', 30)).toEqual([
      { time: 0, v1: 95 },
      { time: 60, v1: 95 },
      { time: 120, v1: 95 },
    ]);
  });
});
