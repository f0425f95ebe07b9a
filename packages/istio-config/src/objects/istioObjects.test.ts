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
    const strict: IstioObject<'PeerAuthentication'> = {
      apiVersion: 'security.istio.io/v1',
      kind: 'PeerAuthentication',
      metadata,
      spec: { mtls: { mode: 'STRICT' } },
    };
    const misspelt: IstioObject<'PeerAuthentication'> = {
      apiVersion: 'security.istio.io/v1',
      kind: 'PeerAuthentication',
      metadata,
      // @ts-expect-error -- the field is "mtls": Istio would prune "mTLS" and leave the mode PERMISSIVE
      spec: { mTLS: { mode: 'STRICT' } },
    };
    const unknownMode: IstioObject<'PeerAuthentication'> = {
      apiVersion: 'security.istio.io/v1',
      kind: 'PeerAuthentication',
      metadata,
      // @ts-expect-error -- "ENFORCED" is none of UNSET, DISABLE, PERMISSIVE, STRICT
      spec: { mtls: { mode: 'ENFORCED' } },
    };
    const route: IstioObject<'HTTPRoute'> = {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata,
      // @ts-expect-error -- a header match's type is "Exact" or "RegularExpression"
      spec: { rules: [{ matches: [{ headers: [{ type: 'Prefix', name: 'x-canary', value: 'true' }] }] }] },
    };
    expect([strict, misspelt, unknownMode, route].map(object => object.kind)).toEqual([
      'PeerAuthentication',
      'PeerAuthentication',
      'PeerAuthentication',
      'HTTPRoute',
    ]);
  });
});
