import { AuthorizationPolicySummary } from '@meshport/plugin-mesh-common';
import { callerChecks, dryRunStatus } from './authorizationRollout';

const allow = (name: string, rules: Array<Record<string, unknown>>, dryRun = false): AuthorizationPolicySummary => ({
  name,
  namespace: 'payments',
  action: 'ALLOW',
  scope: 'workload',
  enforcedBy: ['sidecar'],
  ...(dryRun ? { dryRun: true as const } : {}),
  rules,
});
const orders = 'cluster.local/ns/orders/sa/order-service';
const reports = 'cluster.local/ns/reports/sa/nightly';

describe('callers seen against callers allowed', () => {
  it('says who calls without being admitted, and who may call but did not', () => {
    const checks = callerChecks(
      [allow('callers', [{ from: [{ source: { principals: [orders] } }] }])],
      [{ principal: `spiffe://${reports}`, rate: 0.4 }],
      '5m',
    );
    expect(checks).toEqual([
      { principal: orders, allowed: true, observed: false, words: 'order-service (namespace orders) may call you but did not in the last 5m' },
      {
        principal: reports,
        rate: 0.4,
        allowed: false,
        observed: true,
        words: 'nightly (namespace reports) calls you (0.40 req/s) but no ALLOW rule admits it: its requests are denied',
      },
    ]);
  });

  it('adds what the catalog says: a dependent that never called, a caller it does not list', () => {
    const checks = callerChecks(
      [allow('callers', [{ from: [{ source: { principals: [orders] } }] }])],
      [{ principal: `spiffe://${reports}`, rate: 0.4 }],
      '5m',
      [{ ref: 'component:default/order-service', principal: orders }],
    );
    expect(checks.map(c => [c.dependsOn, c.words])).toEqual([
      [true, 'the catalog says order-service depends on you, but it did not call in the last 5m'],
      [
        false,
        'nightly (namespace reports) calls you (0.40 req/s) but no ALLOW rule admits it: its requests are denied; and the catalog does not say it depends on you',
      ],
    ]);
  });

  it('counts a caller admitted by its namespace, or by a rule for any source, as allowed; and dry-run policies as not enforced', () => {
    const byNamespace = callerChecks([allow('callers', [{ from: [{ source: { namespaces: ['reports'] } }] }])], [{ principal: reports, rate: 1 }], '5m');
    expect(byNamespace.map(c => c.allowed)).toEqual([true]);
    const healthChecks = callerChecks(
      [allow('callers', [{ from: [{ source: { principals: [orders] } }] }, { to: [{ operation: { paths: ['/healthz'] } }] }])],
      [{ principal: reports, rate: 1 }],
      '5m',
    );
    expect(healthChecks.find(c => c.principal === reports)?.allowed).toBe(true);
    // Only tried: nothing enforced denies the caller.
    expect(
      callerChecks([allow('callers', [{ from: [{ source: { principals: [orders] } }] }], true)], [{ principal: reports, rate: 1 }], '5m').map(c => [
        c.principal,
        c.allowed,
      ]),
    ).toEqual([[reports, true]]);
  });
});

describe('a dry run', () => {
  it('names the policies tried and what they would have denied, or why that is unknown', () => {
    const policies = [allow('deny-by-default', [], true), allow('callers', [], true), allow('other', [])];
    expect(dryRunStatus(policies, 0.5, '5m')).toEqual({ policies: ['payments/deny-by-default', 'payments/callers'], window: '5m', deniedPerSecond: 0.5 });
    expect(dryRunStatus(policies, undefined, '5m')).toEqual({ policies: ['payments/deny-by-default', 'payments/callers'], window: '5m', deniedPerSecond: 0 });
    expect(dryRunStatus(policies, undefined, '5m', 'Prometheus is down')).toEqual({
      policies: ['payments/deny-by-default', 'payments/callers'],
      window: '5m',
      unavailable: 'Prometheus is down',
    });
    expect(dryRunStatus([allow('other', [])], 1, '5m')).toBeUndefined();
  });
});
