import { paymentServicePolicyExample } from '../examples';
import { MeshPolicyInput, parseMeshPolicy } from '../model';
import { renderPolicy } from '../render/renderPolicy';
import { accessChanges, describeAccessChange, knownCallers, withObservedCallers } from './accessDiff';

const HOST = 'payment-service.payments.svc.cluster.local';
const parsed = (input: MeshPolicyInput) => {
  const result = parseMeshPolicy(input);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.value;
};
const objects = (input: MeshPolicyInput) => {
  const { objects: rendered, sidecarPatch } = renderPolicy(input);
  return [...rendered, ...(sidecarPatch ? [sidecarPatch] : [])];
};
// The demo's payment-service: deny by default, order-service may POST its payment path, no token required of it.
const tried: MeshPolicyInput = {
  ...paymentServicePolicyExample,
  jwt: undefined,
  authorization: { ...paymentServicePolicyExample.authorization, dryRun: true },
};

describe('who keeps access across a change', () => {
  it('enforcing policies that were tried in dry run keeps every allowed caller in', () => {
    const enforced: MeshPolicyInput = { ...tried, authorization: { ...tried.authorization, dryRun: false } };
    const changes = accessChanges(objects(tried), objects(enforced), HOST, knownCallers(parsed(tried), parsed(enforced)));
    expect(changes.length).toBeGreaterThan(0);
    expect(changes.filter(change => change.before === 'allow' && change.after === 'deny')).toEqual([]);
  });

  it('says, in words, which caller an edit that drops the allowed callers locks out, and by which policy', () => {
    const dropped: MeshPolicyInput = { ...tried, authorization: { ...tried.authorization, dryRun: false, allow: [] } };
    const losses = accessChanges(objects(tried), objects(dropped), HOST, knownCallers(parsed(tried), parsed(dropped))).filter(
      change => change.before === 'allow' && change.after === 'deny',
    );
    expect(losses.map(describeAccessChange)).toEqual([
      expect.stringMatching(
        /^orders\/order-service: POST \/api\/v1\/process-payment allowed before, denied after \(sidecar at payments\/payment-service: .*payment-service-deny-by-default/,
      ),
    ]);
  });

  it('asks about callers Prometheus saw and catalog dependents too: one no policy names loses access to deny-by-default', () => {
    // No ALLOW policy at all (an ingress would add one for the gateway): every caller is let in.
    const open: MeshPolicyInput = { ...tried, ingress: undefined, authorization: { denyByDefault: false } };
    const observed = [
      { principal: 'spiffe://cluster.local/ns/orders/sa/order-service', rate: 20, observed: true },
      { principal: 'spiffe://cluster.local/ns/shop/sa/frontend', rate: 3.14159, observed: true },
      { principal: 'cluster.local/ns/reports/sa/reporter', observed: false, dependsOn: true },
    ];
    const callers = withObservedCallers(knownCallers(parsed(open), parsed(tried)), observed, parsed(tried));
    expect(callers.map(caller => [caller.name, caller.why, caller.seen ?? false])).toEqual([
      ['orders/order-service', 'allowed caller, seen calling at 20 requests/s', true],
      ['istio-system/istio-ingressgateway-service-account', 'ingress gateway health check', false],
      ['shop/frontend', 'seen calling at 3.1 requests/s', true],
      ['reports/reporter', 'depends on it in the catalog', false],
    ]);
    const enforced: MeshPolicyInput = { ...tried, authorization: { ...tried.authorization, dryRun: false } };
    const losses = accessChanges(objects(open), objects(enforced), HOST, callers).filter(change => change.after === 'deny');
    expect(losses.map(change => [change.caller, change.request, change.before, change.seen ?? false])).toEqual([
      ['shop/frontend', 'GET /', 'allow', true],
      ['reports/reporter', 'GET /', 'allow', false],
    ]);
  });
});
