import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ambientWaypointPolicyExample } from '@meshport/plugin-mesh-common';
import { toYaml } from '@meshport/istio-config';
import { runExplain } from './explain';
import { runRender } from './render';

// `meshport explain` over a folder `meshport render` wrote: the same objects a GitOps repository holds.
describe('meshport explain', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meshport-explain-'));
  const out = path.join(dir, 'checkout');
  beforeAll(() => {
    const policy = path.join(dir, 'checkout.policy.yaml');
    fs.writeFileSync(policy, toYaml([ambientWaypointPolicyExample]));
    const rendered = runRender({ policy, out });
    if (rendered.exitCode !== 0) throw new Error(rendered.stderr.join('\n'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('prints the verdict, each hop with the identity it sees, and the deciding policy as JSON; exit 1 when denied', () => {
    const result = runExplain({
      from: 'shop/storefront:sidecar',
      to: 'checkout.shop.svc.cluster.local:8080',
      method: 'POST',
      path: '/api/orders',
      json: true,
      paths: [out],
    });
    expect(result.exitCode).toBe(1);
    const explanation = JSON.parse(result.stdout.join('\n'));
    expect(explanation).toMatchObject({
      verdict: 'deny',
      hops: [
        { proxy: 'sidecar', at: 'caller' },
        {
          proxy: 'ztunnel',
          identity: 'cluster.local/ns/shop/sa/storefront',
          policies: expect.arrayContaining([
            expect.objectContaining({ policy: 'AuthorizationPolicy shop/checkout-waypoint-only', action: 'DENY', matched: true }),
          ]),
        },
      ],
    });
    expect(explanation.reason).toMatch(/denied by AuthorizationPolicy shop\/checkout-waypoint-only/);
  });

  it('reads the data plane and the waypoint from the kustomize patches of the folder, and names what it assumed', () => {
    const result = runExplain({
      from: 'shop/storefront:ambient',
      to: 'checkout.shop.svc.cluster.local:8080',
      method: 'POST',
      path: '/api/orders',
      jwtIssuer: 'https://auth.example.com',
      jwtSubject: 'customer-1',
      paths: [out],
    });
    expect(result.stdout[0]).toMatch(/^ALLOW: /);
    expect(result.stdout).toContain('2. waypoint at shop/checkout-waypoint, sees cluster.local/ns/shop/sa/storefront (L7): allow');
    expect(result.stdout.some(line => line.startsWith('assumed: no Service shop/checkout with a selector'))).toBe(true);
  });

  it('refuses a caller or a destination it cannot read, naming the option (exit 2 through the command line)', () => {
    const bin = path.resolve(__dirname, '..', '..', 'bin', 'meshport');
    const run = spawnSync(process.execPath, [bin, 'explain', '--from', 'storefront', '--to', 'checkout:8080', out], { encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--from: "storefront" is not <namespace>/<serviceaccount>[:sidecar|ambient|none]');
    const port = spawnSync(process.execPath, [bin, 'explain', '--from', 'shop/storefront', '--to', 'checkout:99999', out], { encoding: 'utf8' });
    expect(port.stderr).toContain('--to: "checkout:99999" is not <host>:<port>');
  });
});
