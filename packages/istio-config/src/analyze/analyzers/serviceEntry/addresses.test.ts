import { analyze } from '../../analyze';
import { spec } from '../../../testUtils/objects';
import { AnalysisOptions } from '../../types';

const entry = (ports: unknown[], extra: Record<string, unknown> = {}) => spec('ServiceEntry', 'db', 'default', { hosts: ['db.example.com'], ports, ...extra });
const codes = (objects: unknown[], options: AnalysisOptions = {}) =>
  analyze(objects, options)
    .filter(f => f.code === 'IST0134')
    .map(f => f.path);
const proxyMetadata = (values: Record<string, string>): AnalysisOptions => ({ meshConfig: { proxyMetadata: values } });

describe('serviceentry.Analyzer (IST0134)', () => {
  it("reports each TCP or protocol-less port of an entry without addresses, whatever the protocol's case", () => {
    expect(
      codes([
        entry([
          { number: 22, name: 'ssh', protocol: 'tcp' },
          { number: 80, name: 'http', protocol: 'HTTP' },
          { number: 5432, name: 'pg' },
        ]),
      ]),
    ).toEqual(['spec.ports[0].name', 'spec.ports[2].name']);
  });

  it.each([
    ['DNS capture with auto-allocation', proxyMetadata({ ISTIO_META_DNS_CAPTURE: 'true', ISTIO_META_DNS_AUTO_ALLOCATE: 'true' })],
    ["istiod's address allocation", proxyMetadata({ PILOT_ENABLE_IP_AUTOALLOCATE: 'true' })],
  ])('is quiet when the mesh allocates addresses: %s', (_case, options) => {
    expect(codes([entry([{ number: 22, name: 'ssh', protocol: 'TCP' }])], options)).toEqual([]);
  });

  it('still reports with DNS capture alone: capture without allocation gives the entry no address', () => {
    expect(codes([entry([{ number: 22, name: 'ssh', protocol: 'TCP' }])], proxyMetadata({ ISTIO_META_DNS_CAPTURE: 'true' }))).toEqual(['spec.ports[0].name']);
  });

  it('is quiet for addresses in the spec or allocated into the status', () => {
    expect(codes([entry([{ number: 22, name: 'ssh', protocol: 'TCP' }], { addresses: ['10.0.0.5'] })])).toEqual([]);
    expect(
      codes([{ ...entry([{ number: 22, name: 'ssh', protocol: 'TCP' }]), status: { addresses: [{ host: 'db.example.com', value: '240.240.0.1' }] } }]),
    ).toEqual([]);
  });
});
