import { minimalPolicyExample, paymentServicePolicyExample } from '../examples';
import { overheadForPolicy, meshWideEstimate } from './estimate';
import { cpuMillicores, formatCpu, formatMemory, memoryBytes, parseQuantity } from './quantity';
import { injectorProxyDefaults, ISTIO_DEFAULT_PROXY_RESOURCES, proxyResourcesAtInjection, sidecarResources } from './sidecarResources';

const Mi = 1024 ** 2;

describe('quantities', () => {
  it.each([
    ['250m', 0.25],
    ['1', 1],
    ['1.5', 1.5],
    ['128Mi', 128 * Mi],
    ['1Gi', 1024 ** 3],
    ['500M', 5e8],
    ['1e3', 1000],
  ])('%s is %d', (text, value) => {
    expect(parseQuantity(text)).toBe(value);
  });

  it('refuses text that is not a quantity', () => {
    expect(() => parseQuantity('lots')).toThrow('"lots" is not a Kubernetes quantity');
  });

  it('converts and formats CPU and memory', () => {
    expect([cpuMillicores('250m'), cpuMillicores('2'), memoryBytes('256Mi')]).toEqual([250, 2000, 256 * Mi]);
    expect([formatCpu(250), formatCpu(2000), formatMemory(128 * Mi), formatMemory(1.5 * 1024 ** 3)]).toEqual(['250m', '2', '128Mi', '1.5Gi']);
  });
});

describe("sidecarResources follows Istio's injection template", () => {
  it('uses the mesh defaults when no annotation is set', () => {
    expect(sidecarResources({})).toEqual(ISTIO_DEFAULT_PROXY_RESOURCES);
  });

  it('replaces all defaults as soon as one annotation is set', () => {
    expect(sidecarResources({ 'sidecar.istio.io/proxyCPU': '50m' })).toEqual({
      requests: { cpu: 50, memory: undefined },
      limits: { cpu: undefined, memory: undefined },
    });
  });

  it('honours custom mesh defaults', () => {
    const defaults = { requests: { cpu: 10, memory: 40 * Mi }, limits: { cpu: 500, memory: 256 * Mi } };
    expect(sidecarResources({}, defaults)).toEqual(defaults);
  });
});

describe('overheadForPolicy', () => {
  it('puts the sidecar against the app per pod, in total, and as a share', () => {
    const estimate = overheadForPolicy(paymentServicePolicyExample);
    expect(estimate.replicas).toBe(3);
    expect(estimate.perPod.sidecar).toEqual({ requests: { cpu: 100, memory: 128 * Mi }, limits: { cpu: 500, memory: 256 * Mi } });
    expect(estimate.total.sidecar.requests).toEqual({ cpu: 300, memory: 384 * Mi });
    expect(estimate.total.app?.requests).toEqual({ cpu: 1500, memory: 1536 * Mi });
    expect(estimate.sharePercent.requests).toEqual({ cpu: 20, memory: 25 });
    expect(estimate.sharePercent.limits).toEqual({ cpu: 50, memory: 25 });
  });

  it("falls back to Istio's defaults and leaves the share unknown without app resources", () => {
    const estimate = overheadForPolicy(minimalPolicyExample);
    expect(estimate.perPod.sidecar).toEqual(ISTIO_DEFAULT_PROXY_RESOURCES);
    expect(estimate.sharePercent.requests).toEqual({ cpu: undefined, memory: undefined });
  });

  it('costs nothing when injection is off', () => {
    const estimate = overheadForPolicy({ ...minimalPolicyExample, injection: { enabled: false } });
    expect(estimate.total.sidecar).toEqual({ requests: {}, limits: {} });
  });
});

describe('meshWideEstimate', () => {
  it("scales the proxies with the request rate from Istio's published figures", () => {
    expect(meshWideEstimate({ sidecars: 2000, requestsPerSecond: 70_000 })).toEqual({
      dataPlane: { cpu: 24_500, memory: 2_800_000_000, sidecars: 2000 },
      controlPlane: { cpu: 1000, memory: 1_500_000_000 },
    });
  });
});

describe('proxy resources at injection', () => {
  const meshDefaults = { requests: { cpu: 50, memory: 64 * Mi }, limits: { cpu: 1000, memory: 512 * Mi } };

  it('gives the mesh defaults to a plain pod', () => {
    expect(proxyResourcesAtInjection({}, meshDefaults)).toEqual(meshDefaults);
  });

  it("lets the pod's own istio-proxy container override the injected resources field by field", () => {
    const pod = { containers: [{ name: 'app' }, { name: 'istio-proxy', resources: { requests: { cpu: '300m' }, limits: { memory: '2Gi' } } }] };
    expect(proxyResourcesAtInjection(pod, meshDefaults)).toEqual({ requests: { cpu: 300, memory: 64 * Mi }, limits: { cpu: 1000, memory: 2048 * Mi } });
  });

  it.each([
    ['gives no default resources to the gateway template', { 'inject.istio.io/templates': 'gateway' }, { requests: {}, limits: {} }],
    [
      'keeps what annotations ask under the gateway template',
      { 'inject.istio.io/templates': 'gateway', 'sidecar.istio.io/proxyCPU': '200m' },
      { requests: { cpu: 200, memory: undefined }, limits: { cpu: undefined, memory: undefined } },
    ],
    ["uses the sidecar template's defaults when it is among several", { 'inject.istio.io/templates': 'sidecar,spire' }, meshDefaults],
  ])('%s', (_case, annotations, expected) => {
    expect(proxyResourcesAtInjection({ annotations }, meshDefaults)).toEqual(expected);
  });

  it("reads the mesh defaults from the injector's values, and nothing from what it cannot read", () => {
    const values = JSON.stringify({ global: { proxy: { resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '1', memory: '512Mi' } } } } });
    expect(injectorProxyDefaults({ data: { values } })).toEqual(meshDefaults);
    expect(injectorProxyDefaults({ data: { values: '{not json' } })).toBeUndefined();
    expect(injectorProxyDefaults(undefined)).toBeUndefined();
  });
});
