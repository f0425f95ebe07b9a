import { deployment, spec } from '@meshport/istio-config/testUtils';
import { workloadMtls } from './workloadMtls';

const containers = [{ name: 'web', ports: [{ containerPort: 8080 }, { containerPort: 9090 }] }];
const strict = spec('PeerAuthentication', 'web', 'shop', {
  selector: { matchLabels: { app: 'web' } },
  mtls: { mode: 'STRICT' },
  portLevelMtls: { 9090: { mode: 'PERMISSIVE' } },
});

describe('workloadMtls', () => {
  it('keys port-level modes by the workload port, each port once', () => {
    const web = deployment('web', 'shop', { app: 'web' }, { containers });
    expect(workloadMtls(web, [strict], 'istio-system').ports.map(p => [p.port, p.mode, p.source])).toEqual([
      ['*', 'STRICT', 'workload'],
      [8080, 'STRICT', 'workload'],
      [9090, 'PERMISSIVE', 'workload'],
    ]);
  });

  it.each([
    ['excluded', { 'traffic.sidecar.istio.io/excludeInboundPorts': '9090, 15020' }, [9090]],
    ['not included', { 'traffic.sidecar.istio.io/includeInboundPorts': '9090' }, [8080]],
    ['intercepted (include "*")', { 'traffic.sidecar.istio.io/includeInboundPorts': '*' }, []],
  ])('marks ports the sidecar does not intercept: %s', (_case, templateAnnotations, bypassed) => {
    const web = deployment('web', 'shop', { app: 'web' }, { containers, templateAnnotations });
    expect(
      workloadMtls(web, [strict], 'istio-system')
        .ports.filter(p => p.bypassed)
        .map(p => p.port),
    ).toEqual(bypassed);
  });
});
