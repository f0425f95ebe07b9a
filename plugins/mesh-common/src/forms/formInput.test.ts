import { policyFromForm, withoutEmptyValues } from './formInput';

describe('policyFromForm', () => {
  it('treats empty form fields as not set', () => {
    expect(withoutEmptyValues({ a: '', b: null, c: [1, '', { d: '' }], e: { f: 0, g: false } })).toEqual({ c: [1, {}], e: { f: 0, g: false } });
  });

  it('reads an ingress TLS block without a certificate as plain HTTP', () => {
    expect(policyFromForm({ ingress: { hosts: ['a.example.com'], tls: { credentialName: '', httpsRedirect: true } } })).toEqual({
      ingress: { hosts: ['a.example.com'] },
    });
    expect(policyFromForm({ ingress: { hosts: ['a.example.com'], tls: { credentialName: 'cert', httpsRedirect: true } } })).toEqual({
      ingress: { hosts: ['a.example.com'], tls: { credentialName: 'cert', httpsRedirect: true } },
    });
  });

  it('drops the sidecar resources a form kept from sidecar mode when ambient is chosen, and keeps them otherwise', () => {
    const injection = { enabled: true, proxyResources: { cpuRequest: '100m', memoryRequest: '128Mi' } };
    expect(policyFromForm({ dataPlane: { mode: 'ambient' }, injection, scope: { hosts: ['./*'] } })).toEqual({
      dataPlane: { mode: 'ambient' },
      injection: { enabled: true },
    });
    expect(policyFromForm({ dataPlane: { mode: 'sidecar' }, injection })).toEqual({ dataPlane: { mode: 'sidecar' }, injection });
  });

  it("reads an egress entry's blocks a form cannot leave out: TLS origination without a port, the gateway checkbox", () => {
    const entry = { name: 'api', hosts: ['api.example.com'], ports: [{ number: 80, name: 'http', protocol: 'HTTP' }] };
    expect(policyFromForm({ egress: [{ ...entry, tlsOrigination: { port: '' }, egressGateway: false }] })).toEqual({ egress: [entry] });
    expect(policyFromForm({ egress: [{ ...entry, tlsOrigination: { port: 80 }, egressGateway: true }] })).toEqual({
      egress: [{ ...entry, tlsOrigination: { port: 80 }, egressGateway: {} }],
    });
  });
});
