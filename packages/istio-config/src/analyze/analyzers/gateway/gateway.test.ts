import { analyze } from '../../analyze';
import { CERTIFICATE_VALID_AT, TEST_CERTIFICATE_PEM } from '../../__testUtils__/certificate';
import { pod, secret, service, spec } from '../../../testUtils/objects';

const base64 = (text: string) => Buffer.from(text).toString('base64');
const gw = (name: string, selector: Record<string, string>, servers: any[]) => spec('Gateway', name, 'shop', { selector, servers });
const http = (hosts: string[], port = 80, bind?: string) => ({ port: { number: port, name: 'http', protocol: 'HTTP' }, hosts, ...(bind ? { bind } : {}) });
const found = (objects: unknown[], code: string) =>
  analyze(objects, { now: CERTIFICATE_VALID_AT })
    .filter(f => f.code === code)
    .map(f => `${f.resource}: ${f.message}`);

describe('gateway.ConflictingGatewayAnalyzer', () => {
  const pods = [pod('ingress-1', 'istio-system', { istio: 'ingressgateway', zone: 'a' })];

  it('finds a conflict between selectors that overlap and select the same pod', () => {
    const objects = [
      ...pods,
      gw('a', { istio: 'ingressgateway' }, [http(['shop.example.com'])]),
      gw('b', { istio: 'ingressgateway', zone: 'a' }, [http(['shop.example.com'])]),
    ];
    expect(found(objects, 'IST0145')).toEqual([
      'Gateway shop/a: Conflict with gateways shop/b (workload selector istio=ingressgateway, port 80, hosts shop.example.com).',
      'Gateway shop/b: Conflict with gateways shop/a (workload selector istio=ingressgateway,zone=a, port 80, hosts shop.example.com).',
    ]);
  });

  it('sees no conflict on different binds, ports or hosts', () => {
    const objects = [
      ...pods,
      gw('a', { istio: 'ingressgateway' }, [http(['shop.example.com'], 80, '10.0.0.1')]),
      gw('b', { istio: 'ingressgateway' }, [http(['shop.example.com'], 80, '10.0.0.2')]),
    ];
    expect(found(objects, 'IST0145')).toEqual([]);
  });
});

describe('gateway.SecretAnalyzer', () => {
  const pods = [pod('ingress-1', 'ingress', { istio: 'ingressgateway' })];
  const https = (credentialName: string) => ({
    port: { number: 443, name: 'https', protocol: 'HTTPS' },
    hosts: ['shop.example.com'],
    tls: { mode: 'SIMPLE', credentialName },
  });
  const valid = { 'tls.crt': base64(TEST_CERTIFICATE_PEM), 'tls.key': base64('key') };

  it("looks the secret up in the gateway pods' namespace, not the Gateway's", () => {
    expect(found([...pods, gw('a', { istio: 'ingressgateway' }, [https('shop-cert')]), secret('shop-cert', 'shop', valid)], 'IST0101')).toEqual([
      'Gateway shop/a: Referenced credentialName not found: "shop-cert"',
    ]);
    expect(found([...pods, gw('a', { istio: 'ingressgateway' }, [https('shop-cert')]), secret('shop-cert', 'ingress', valid)], 'IST0101')).toEqual([]);
  });

  it('follows a "namespace/name" credential', () => {
    expect(found([...pods, gw('a', { istio: 'ingressgateway' }, [https('shop/shop-cert')]), secret('shop-cert', 'shop', valid)], 'IST0101')).toEqual([]);
  });

  it('accepts cert/key as well as tls.crt/tls.key, and nothing else', () => {
    const legacy = { cert: base64(TEST_CERTIFICATE_PEM), key: base64('key') };
    expect(found([...pods, gw('a', { istio: 'ingressgateway' }, [https('c')]), secret('c', 'ingress', legacy)], 'IST0161')).toEqual([]);
    expect(
      found([...pods, gw('a', { istio: 'ingressgateway' }, [https('c')]), secret('c', 'ingress', { 'ca.crt': base64(TEST_CERTIFICATE_PEM) })], 'IST0161'),
    ).toHaveLength(1);
    expect(
      found(
        [
          ...pods,
          gw('a', { istio: 'ingressgateway' }, [https('c')]),
          secret('c', 'ingress', { 'tls.crt': base64('not a certificate'), 'tls.key': base64('k') }),
        ],
        'IST0161',
      ),
    ).toHaveLength(1);
  });
});

describe('gateway.IngressGatewayPortAnalyzer', () => {
  it("uses the Service's port where its targetPort is a name", () => {
    const objects = [
      pod('ingress-1', 'ingress', { istio: 'ingressgateway' }),
      service('ingress', 'ingress', { istio: 'ingressgateway' }, [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }]),
      gw('a', { istio: 'ingressgateway' }, [http(['shop.example.com'], 80)]),
    ];
    expect(found(objects, 'IST0162')).toEqual([]);
  });
});
