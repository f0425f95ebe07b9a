import { normalizeObjects } from './analysisIndex';
import { spec } from '../testUtils/objects';

describe('normalizeObjects', () => {
  it("expands List and <Kind>List documents as istioctl reads them, items without a kind taking the list's", () => {
    const gateway = spec('Gateway', 'a', 'shop', { selector: { istio: 'ingressgateway' }, servers: [] });
    const { kind: _kind, ...withoutKind } = spec('Gateway', 'b', undefined, { servers: [] });
    const objects = normalizeObjects([
      { apiVersion: 'v1', kind: 'List', items: [gateway, { apiVersion: 'v1', kind: 'List', items: [spec('Sidecar', 'c', 'shop', {})] }] },
      { apiVersion: 'networking.istio.io/v1', kind: 'GatewayList', items: [withoutKind] },
    ]);
    expect(objects.map(o => `${o.kind} ${o.metadata.namespace}/${o.metadata.name}`)).toEqual(['Gateway shop/a', 'Sidecar shop/c', 'Gateway default/b']);
  });

  it('expands a List nested as deep as a hostile file makes it without running out of stack', () => {
    let document: Record<string, unknown> = spec('Sidecar', 'deep', 'shop', {});
    for (let depth = 0; depth < 50_000; depth += 1) document = { apiVersion: 'v1', kind: 'List', items: [document] };
    expect(normalizeObjects([document]).map(o => o.metadata.name)).toEqual(['deep']);
  });
});
