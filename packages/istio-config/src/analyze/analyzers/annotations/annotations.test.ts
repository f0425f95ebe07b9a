import { analyze } from '../../analyze';
import { object, pod, service } from '../../../testUtils/objects';

const found = (subject: unknown) => analyze([subject]).map(f => `${f.code} ${f.message}`);

describe('annotations.K8sAnalyzer', () => {
  it('reports a deprecated annotation on the wrong kind twice: deprecated, and misplaced', () => {
    expect(found(object('Deployment', 'web', 'shop', { spec: {} }, { annotations: { 'sidecar.istio.io/inject': 'true' } }))).toEqual([
      'IST0107 Misplaced annotation: sidecar.istio.io/inject can only be applied to Pod',
      'IST0135 Annotation "sidecar.istio.io/inject" has been deprecated in favor of the "sidecar.istio.io/inject" label and may not work in future Istio versions.',
    ]);
  });

  it('checks kubernetes.io/ingress.class, and no other annotation outside istio.io', () => {
    expect(found(service('web', 'shop', { app: 'web' }, undefined, { annotations: { 'kubernetes.io/ingress.class': 'istio', 'example.com/x': 'y' } }))).toEqual(
      ['IST0107 Misplaced annotation: kubernetes.io/ingress.class can only be applied to Ingress'],
    );
  });

  it('accepts an annotation meant for any resource, and ignores those Istio sets itself', () => {
    expect(
      found(service('web', 'shop', { app: 'web' }, undefined, { annotations: { 'galley.istio.io/analyze-suppress': 'IST0118', 'istio.io/rev': 'x' } })),
    ).toEqual([]);
  });

  it.each([
    ['traffic.sidecar.istio.io/excludeInboundPorts', '80, 81', undefined],
    [
      'traffic.sidecar.istio.io/excludeInboundPorts',
      '80,http',
      "excludeInboundPorts invalid: failed parsing port 'http': failed parsing port 'http': strconv.ParseUint: parsing \"http\": invalid syntax",
    ],
    [
      'traffic.sidecar.istio.io/excludeOutboundPorts',
      '70000',
      "excludeOutboundPorts invalid: failed parsing port '70000': failed parsing port '70000': strconv.ParseUint: parsing \"70000\": value out of range",
    ],
    ['traffic.sidecar.istio.io/includeOutboundIPRanges', '*', undefined],
    [
      'traffic.sidecar.istio.io/includeOutboundIPRanges',
      '10.0.0.0/8,10.1.0.0',
      "includeIPRanges invalid: failed parsing cidr '10.1.0.0': netip.ParsePrefix(\"10.1.0.0\"): no '/'",
    ],
    [
      'traffic.sidecar.istio.io/excludeOutboundIPRanges',
      '10.0.0.0/33',
      'excludeIPRanges invalid: failed parsing cidr \'10.0.0.0/33\': netip.ParsePrefix("10.0.0.0/33"): bad bits after slash: "33"',
    ],
    ['readiness.status.sidecar.istio.io/periodSeconds', '-1', 'strconv.ParseUint: parsing "-1": invalid syntax'],
    ['prometheus.istio.io/merge-metrics', 'yes', 'strconv.ParseBool: parsing "yes": invalid syntax'],
    ['status.sidecar.istio.io/port', 'x', 'excludeInboundPorts invalid: failed parsing port \'x\': strconv.ParseUint: parsing "x": invalid syntax'],
  ])('validates %s = %j', (annotation, value, problem) => {
    const findings = found(pod('web-1', 'shop', {}, { annotations: { [annotation]: value } }));
    expect(findings).toEqual(problem ? [`IST0125 Invalid annotation ${annotation}: ${problem}`] : []);
  });
});
