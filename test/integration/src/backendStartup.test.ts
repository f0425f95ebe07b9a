import {
  findStartupFailures,
  freePort,
  RunningBackend,
  startBackend,
  waitForCatalog,
} from '@meshport/test-harness';

jest.setTimeout(300_000);

describe('the portal backend with the embedded defaults (SQLite in memory)', () => {
  let backend: RunningBackend;

  beforeAll(async () => {
    backend = await startBackend({ port: await freePort(), configs: ['app-config.yaml'] });
  });

  afterAll(async () => {
    await backend?.stop();
  });

  it('starts every plugin without a start-up failure in its log', () => {
    expect(findStartupFailures(backend.process.output())).toEqual([]);
  });

  it('serves the demo catalog: the three services and their dependency', async () => {
    const components = await waitForCatalog(backend.baseUrl, 'kind=component', 3);
    expect(components.map(c => c.metadata.name).sort()).toEqual(['order-service', 'payment-service', 'user-service']);
    const order = components.find(c => c.metadata.name === 'order-service')!;
    expect(order.metadata.annotations?.['backstage.io/kubernetes-id']).toBe('order-service');
    expect(order.spec?.dependsOn).toEqual(['component:payment-service']);
  });
});
