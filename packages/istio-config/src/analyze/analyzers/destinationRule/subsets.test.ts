import { analyze } from '../../analyze';
import { object, pod, service, spec } from '../../../testUtils/objects';

const found = (objects: unknown[], code: string) =>
  analyze(objects)
    .filter(f => f.code === code)
    .map(f => f.message);

describe('destinationrule.SubsetSelectPodAnalyzer', () => {
  it("finds pods in any namespace, and through the node's topology labels", () => {
    const rule = spec('DestinationRule', 'web', 'shop', { host: 'web', subsets: [{ name: 'eu', labels: { 'topology.kubernetes.io/region': 'eu-west' } }] });
    const node = object('Node', 'node-1', undefined, {}, { labels: { 'topology.kubernetes.io/region': 'eu-west' } });
    const onNode = pod('web-1', 'other', { app: 'web' }, { spec: { nodeName: 'node-1' } });
    expect(found([service('web', 'shop', { app: 'web' }), rule, node, onNode], 'IST0173')).toEqual([]);
    expect(found([service('web', 'shop', { app: 'web' }), rule, onNode], 'IST0173')).toEqual([
      'The Subset eu defined in the DestinationRule does not select any pods. Which may lead to 503 UH (NoHealthyUpstream).',
    ]);
  });

  it("adds a ServiceEntry's workload selector to its subsets' labels", () => {
    const entry = spec('ServiceEntry', 'vm', 'shop', {
      hosts: ['vm.shop.internal'],
      ports: [{ number: 80, name: 'http' }],
      workloadSelector: { labels: { app: 'vm' } },
    });
    const rule = spec('DestinationRule', 'vm', 'shop', { host: 'vm.shop.internal', subsets: [{ name: 'v1', labels: { version: 'v1' } }] });
    expect(found([entry, rule, pod('other-1', 'shop', { version: 'v1' })], 'IST0173')).toHaveLength(1);
    expect(found([entry, rule, pod('vm-1', 'shop', { app: 'vm', version: 'v1' })], 'IST0173')).toEqual([]);
  });

  it('checks no subset of a DestinationRule whose host is unknown', () => {
    expect(analyze([spec('DestinationRule', 'x', 'shop', { host: 'nothing', subsets: [{ name: 'v1', labels: { version: 'v1' } }] })]).map(f => f.code)).toEqual(
      ['IST0174'],
    );
  });
});

describe('serviceentry.ConflictingServiceEntryProtocolAnalyzer', () => {
  it('counts an unset protocol as a protocol of its own', () => {
    const a = spec('ServiceEntry', 'a', 'shop', { hosts: ['db.example.com'], ports: [{ number: 5432, name: 'db' }] });
    const b = spec('ServiceEntry', 'b', 'shop', { hosts: ['db.example.com'], ports: [{ number: 5432, name: 'db', protocol: 'TCP' }] });
    expect(found([a, b], 'IST0177')[0]).toContain('with conflicting protocols (, TCP).');
  });

  it('finds no conflict between entries exported to different namespaces', () => {
    const a = spec('ServiceEntry', 'a', 'shop', { hosts: ['db.example.com'], exportTo: ['.'], ports: [{ number: 5432, name: 'db', protocol: 'TCP' }] });
    const b = spec('ServiceEntry', 'b', 'other', { hosts: ['db.example.com'], exportTo: ['.'], ports: [{ number: 5432, name: 'db', protocol: 'MONGO' }] });
    expect(found([a, b], 'IST0177')).toEqual([]);
  });
});
