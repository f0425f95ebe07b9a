import { editPolicy } from './editPolicy';

const stored = {
  service: { name: 'order-service', namespace: 'orders', ports: [{ number: 8080, name: 'http', protocol: 'HTTP' }], replicas: 2 },
  authorization: {
    dryRun: true,
    allow: [{ principals: ['cluster.local/ns/istio-system/sa/istio-ingressgateway-service-account'], methods: ['GET', 'POST'], paths: ['/api/v1/orders*'] }],
    healthCheckPaths: ['/healthz'],
  },
  injection: { proxyResources: { cpuRequest: '100m', memoryRequest: '128Mi', cpuLimit: '500m', memoryLimit: '256Mi' } },
  scope: { hosts: ['payments/payment-service.payments.svc.cluster.local'] },
};

describe('editPolicy', () => {
  it('changes only the fields it is given, and keeps every other field and section as stored', () => {
    const edited = editPolicy(stored, { authorization: { dryRun: false } });
    expect(edited).toEqual({ ...stored, authorization: { ...stored.authorization, dryRun: false } });
    expect(edited.authorization).not.toBe(stored.authorization);
    expect(stored.authorization.dryRun).toBe(true);
  });

  it('merges nested records field by field: right-sizing keeps the CPU limit it does not set', () => {
    const edited = editPolicy(stored, { injection: { proxyResources: { cpuRequest: '20m', memoryRequest: '64Mi', memoryLimit: '' } } });
    expect(edited.injection).toEqual({ proxyResources: { cpuRequest: '20m', memoryRequest: '64Mi', cpuLimit: '500m', memoryLimit: '256Mi' } });
  });

  it('replaces lists whole, as a form gives them', () => {
    const edited = editPolicy(stored, { scope: { hosts: ['users/user-service.users.svc.cluster.local'] } });
    expect(edited.scope).toEqual({ hosts: ['users/user-service.users.svc.cluster.local'] });
  });

  it('adds a section the stored policy lacks', () => {
    expect(editPolicy(stored, { telemetry: { accessLogging: true } }).telemetry).toEqual({ accessLogging: true });
  });
});
