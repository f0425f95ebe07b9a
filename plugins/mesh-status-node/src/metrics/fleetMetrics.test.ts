import { entityHealthSamples, FleetSamples, histogramQuantile, indexFleet } from './fleetMetrics';

describe('histogramQuantile, as PromQL computes it', () => {
  const buckets = [
    { le: 10, count: 20 },
    { le: 50, count: 80 },
    { le: 100, count: 95 },
    { le: Infinity, count: 100 },
  ];

  it.each([
    [0.1, 5],
    [0.5, 10 + 40 * (30 / 60)],
    [0.9, 50 + 50 * (10 / 15)],
    [0.99, 100],
  ])('q=%s interpolates inside the bucket holding the rank', (q, expected) => {
    expect(histogramQuantile(q, buckets)).toBeCloseTo(expected, 9);
  });

  it.each([
    [
      'no +Inf bucket',
      [
        { le: 10, count: 1 },
        { le: 20, count: 2 },
      ],
    ],
    ['one bucket', [{ le: Infinity, count: 3 }]],
    [
      'no observations',
      [
        { le: 10, count: 0 },
        { le: Infinity, count: 0 },
      ],
    ],
  ])('has no answer with %s', (_case, input) => {
    expect(histogramQuantile(0.5, input)).toBeUndefined();
  });

  it('treats counts that go down as flat, as Prometheus does', () => {
    expect(
      histogramQuantile(0.5, [
        { le: 10, count: 10 },
        { le: 20, count: 8 },
        { le: Infinity, count: 20 },
      ]),
    ).toBe(10);
  });
});

describe('entityHealthSamples', () => {
  const sample = (ns: string, svc: string, version: string, value: number, le?: string) => ({
    labels: { destination_service_namespace: ns, destination_service_name: svc, destination_version: version, ...(le ? { le } : {}) },
    value,
  });
  const line = (ns: string, svc: string, version: string, values: number[]) => ({
    labels: { destination_service_namespace: ns, destination_service_name: svc, destination_version: version },
    points: values.map((value, i) => ({ time: 60 * i, value })),
  });
  const fleet: FleetSamples = {
    requests: [sample('shop', 'cart', 'v1', 6), sample('shop-eu', 'cart', 'v1', 4), sample('shop', 'other', 'v1', 100)],
    errors: [sample('shop', 'cart', 'v1', 1)],
    mtls: [],
    buckets: [
      sample('shop', 'cart', 'v1', 5, '10'),
      sample('shop', 'cart', 'v1', 6, '+Inf'),
      sample('shop-eu', 'cart', 'v1', 4, '10'),
      sample('shop-eu', 'cart', 'v1', 4, '+Inf'),
    ],
    // Two minutes of each cart, per version: v1's rate adds up across its namespaces; p99 is the higher one.
    series: [
      line('shop', 'cart', 'v1', [6, 6]),
      line('shop-eu', 'cart', 'v1', [4, 4]),
      line('shop', 'cart', 'v2', [1, 2]),
      line('shop', 'other', 'v1', [100, 100]),
    ],
    errorSeries: [line('shop', 'cart', 'v1', [1, 0])],
    p99Series: [line('shop', 'cart', 'v1', [40, 50]), line('shop-eu', 'cart', 'v1', [90, 30]), line('shop', 'cart', 'v2', [NaN, 200])],
    proxyCpu: [],
    appCpu: [],
    proxyMemory: [],
    appMemory: [],
    outbound: [],
    dryRunDenied: [],
    edges: [],
    edgeErrors: [],
  };

  it('adds up a service across the namespaces it spans, and leaves other services out', () => {
    const samples = entityHealthSamples(indexFleet(fleet), [
      { namespace: 'shop', name: 'cart' },
      { namespace: 'shop-eu', name: 'cart' },
    ]);
    expect(samples.requestRate).toEqual([{ labels: {}, value: 10 }]);
    expect(samples.requestRateByVersion).toEqual([{ labels: { destination_version: 'v1' }, value: 10 }]);
    expect(samples.latency.p50[0].value).toBeCloseTo(10 * (5 / 9), 9);
  });

  it("draws each version's rate, 5xx share and p99 over time, over the entity's Services", () => {
    const samples = entityHealthSamples(indexFleet(fleet), [
      { namespace: 'shop', name: 'cart' },
      { namespace: 'shop-eu', name: 'cart' },
    ]);
    expect(samples.versionSeries).toEqual([
      {
        version: 'v1',
        points: [
          { time: 0, requestRate: 10, errorShare: 0.1, p99: 90 },
          { time: 60, requestRate: 10, errorShare: 0, p99: 50 },
        ],
      },
      {
        version: 'v2',
        points: [
          { time: 0, requestRate: 1, errorShare: 0 },
          { time: 60, requestRate: 2, errorShare: 0, p99: 200 },
        ],
      },
    ]);
    expect(samples.series).toEqual([
      { time: 0, requestRate: 11 },
      { time: 60, requestRate: 12 },
    ]);
  });
});
