import { spawnSync } from 'node:child_process';
import { IstioObject } from './istioObjects';

const metadata = { name: 'web', namespace: 'shop' };

describe('Istio objects typed from their CRDs', () => {
  it('are what the CRDs give (scripts/crd-types.js writes crdTypes.generated.ts; run `yarn workspace @meshport/istio-config types`)', () => {
    // openapi-typescript is an ES module, which Jest's CommonJS runtime cannot import: the script checks in a process of its own.
    const check = spawnSync(process.execPath, [require.resolve('../../scripts/crd-types.js'), '--check'], { encoding: 'utf8' });
    expect({ status: check.status, stderr: check.stderr }).toEqual({ status: 0, stderr: '' });
  });

  it('refuse, at type-check time, a field or a value the CRD does not have (tsc fails when one of these is accepted)', () => {
    const peerAuthentication = (spec: IstioObject<'PeerAuthentication'>['spec']): IstioObject<'PeerAuthentication'> => ({
      apiVersion: 'security.istio.io/v1',
      kind: 'PeerAuthentication',
      metadata,
      spec,
    });
    const httpRoute = (spec: IstioObject<'HTTPRoute'>['spec']): IstioObject<'HTTPRoute'> => ({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata,
      spec,
    });
    const objects = [
      peerAuthentication({ mtls: { mode: 'STRICT' } }),
      // @ts-expect-error -- the field is "mtls": Istio would prune "mTLS" and leave the mode PERMISSIVE
      peerAuthentication({ mTLS: { mode: 'STRICT' } }),
      // @ts-expect-error -- "ENFORCED" is none of UNSET, DISABLE, PERMISSIVE, STRICT
      peerAuthentication({ mtls: { mode: 'ENFORCED' } }),
      // @ts-expect-error -- a header match's type is "Exact" or "RegularExpression"
      httpRoute({ rules: [{ matches: [{ headers: [{ type: 'Prefix', name: 'x-canary', value: 'true' }] }] }] }),
    ];
    expect(objects.map(object => object.kind)).toEqual(['PeerAuthentication', 'PeerAuthentication', 'PeerAuthentication', 'HTTPRoute']);
  });
});
