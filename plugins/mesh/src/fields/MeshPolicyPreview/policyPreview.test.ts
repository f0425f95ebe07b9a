import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { MeshPolicyInput, POLICY_FILE, policyFileText, renderPolicy } from '@meshport/plugin-mesh-common';
import { toYaml } from '@meshport/istio-config';
import { demoComponent } from '../../__testUtils__/demoStatus';
import { previewPolicy, previewProblems, previewValue, storedPolicyOf } from './policyPreview';

// A copy of templates/onboard-service/template.yaml; test/integration/src/templateCopies.test.ts keeps it the same.
const fixture = (name: string) => parse(fs.readFileSync(path.join(__dirname, '__fixtures__', `${name}.template.yaml`), 'utf8'));
const template = fixture('onboard-service');

describe("the policy preview, from onboard-service's own render step", () => {
  const form = {
    entity: 'component:default/user-service',
    ports: [{ number: 8080, name: 'http', protocol: 'HTTP' }],
    replicas: 2,
    mtlsMode: 'STRICT',
    denyByDefault: true,
    allowedCallers: [{ principals: ['cluster.local/ns/orders/sa/order-service'], methods: ['GET'] }],
    proxyCpuRequest: '100m',
    proxyMemoryRequest: '128Mi',
  };

  it('shows the files the action will write, with the form and the entity resolved into them', () => {
    const preview = previewPolicy(template, demoComponent('user-service', 'users'), form);
    if (!preview.ok) throw new Error(JSON.stringify(preview.errors));
    expect(preview.files.map(f => f.path)).toEqual(expect.arrayContaining(['kustomization.yaml', 'peerauthentication-user-service.yaml']));
    const peer = preview.files.find(f => f.path === 'peerauthentication-user-service.yaml')!;
    expect(peer.content).toContain('namespace: users');
    expect(peer.content).toContain('mode: STRICT');
    expect(preview.files.map(f => f.content).join('\n')).toContain('cluster.local/ns/orders/sa/order-service');
    expect(preview.overhead.total.sidecar.requests).toEqual({ cpu: 200, memory: 2 * 128 * 2 ** 20 });
    // It opens with what the change does, in words.
    expect(preview.words.slice(0, 2)).toEqual([
      expect.stringMatching(/^Puts users\/user-service on the mesh with a sidecar in each pod, on port/),
      'Accepts only mutual TLS: callers without a proxy are refused.',
    ]);
    expect(preview.words[2]).toMatch(/^Denies by default: only order-service \(namespace orders\)/);
  });

  it('prices both data planes side by side, marking the one the form chose', () => {
    const sidecar = previewPolicy(template, demoComponent('user-service', 'users'), form);
    // The form keeps the hidden sidecar fields' values when ambient is picked: they are not the policy's.
    const ambient = previewPolicy(template, demoComponent('user-service', 'users'), { ...form, dataPlane: 'ambient' });
    if (!sidecar.ok || !ambient.ok) throw new Error('both previews should render');
    expect([sidecar.dataPlanes.chosen, ambient.dataPlanes.chosen]).toEqual(['sidecar', 'ambient']);
    expect(ambient.dataPlanes.sidecar.total.requests).toEqual(sidecar.overhead.total.sidecar.requests);
    // Allowing callers by method needs HTTP: in ambient mode, a waypoint.
    expect(ambient.dataPlanes.ambient.parts.map(p => p.name)).toEqual(['ztunnel', 'waypoint']);
    expect(ambient.dataPlanes.waypointFor).toEqual(['authorization.allow.0 allows callers by method or path']);
    expect(ambient.files.map(f => f.path)).toContain('gateway-user-service-waypoint.yaml');
  });

  it('renders the proxy scope the form asks for as a Sidecar resource, and none in ambient mode', () => {
    const proxyScope = { hosts: ['payments/payment-service.payments.svc.cluster.local'] };
    const scoped = previewPolicy(template, demoComponent('user-service', 'users'), { ...form, proxyScope });
    if (!scoped.ok) throw new Error(JSON.stringify(scoped.errors));
    const sidecar = scoped.files.find(f => f.path === 'sidecar-user-service.yaml');
    expect(sidecar?.content).toContain('- payments/payment-service.payments.svc.cluster.local');
    const ambient = previewPolicy(template, demoComponent('user-service', 'users'), { ...form, proxyScope, dataPlane: 'ambient' });
    if (!ambient.ok) throw new Error(JSON.stringify(ambient.errors));
    expect(ambient.files.map(f => f.path)).not.toContain('sidecar-user-service.yaml');
  });

  it('lays the form over the policy an earlier render stored in the folder, as the action does: sections the form does not set stay', () => {
    const stored = storedPolicyOf([
      {
        path: 'meshport-policy.yaml',
        content:
          '# The Meshport policy this folder is rendered from.\nservice:\n  name: user-service\n  namespace: users\n  ports:\n    - number: 8080\n      protocol: HTTP\njwt:\n  rules:\n    - issuer: https://auth.example.com\n      jwksUri: https://auth.example.com/jwks.json\n',
      },
    ]);
    const preview = previewPolicy(template, demoComponent('user-service', 'users'), form, stored);
    if (!preview.ok) throw new Error(JSON.stringify(preview.errors));
    expect(preview.files.map(f => f.path)).toContain('requestauthentication-user-service-jwt.yaml');
    // Without the stored policy the form alone renders no JWT file: the preview would have shown it removed.
    const alone = previewPolicy(template, demoComponent('user-service', 'users'), form);
    expect(alone.ok && alone.files.map(f => f.path)).not.toContain('requestauthentication-user-service-jwt.yaml');
    // A stored file that cannot be read is the action's error to report; the preview goes on with the form alone.
    expect(storedPolicyOf([{ path: 'meshport-policy.yaml', content: 'service: [' }])).toBeUndefined();
    expect(storedPolicyOf(undefined)).toBeUndefined();
  });

  it('names the fields that are not valid yet, as the action would', () => {
    const preview = previewPolicy(template, demoComponent('user-service', 'users'), { ...form, ports: [{ number: 70000, protocol: 'HTTP' }] });
    expect(preview).toEqual({ ok: false, errors: [expect.objectContaining({ field: 'policy.service.ports[0].number' })] });
  });

  it('says who keeps access against the folder the branch holds: a caller the form drops is shown losing it, as the task will refuse', () => {
    const storedFiles = [
      {
        path: 'meshport-policy.yaml',
        content:
          'service:\n  name: user-service\n  namespace: users\n  ports:\n    - number: 8080\n      protocol: HTTP\nauthorization:\n  denyByDefault: true\n  allow:\n    - principals: [cluster.local/ns/orders/sa/order-service]\n      methods: [GET]\n',
      },
    ];
    const stored = storedPolicyOf(storedFiles);
    const before = previewPolicy(template, demoComponent('user-service', 'users'), form, stored);
    if (!before.ok) throw new Error(JSON.stringify(before.errors));
    const branch = [...storedFiles, ...before.files];
    const kept = previewPolicy(template, demoComponent('user-service', 'users'), form, stored, branch);
    expect(kept.ok && kept.access.map(change => [change.caller, change.before, change.after])).toEqual([['orders/order-service', 'allow', 'allow']]);
    const dropped = previewPolicy(
      template,
      demoComponent('user-service', 'users'),
      { ...form, allowedCallers: [{ principals: ['cluster.local/ns/shop/sa/storefront'] }] },
      stored,
      branch,
    );
    if (!dropped.ok) throw new Error(JSON.stringify(dropped.errors));
    expect(dropped.access.filter(change => change.after === 'deny').map(change => change.caller)).toEqual(['orders/order-service']);
  });
});

describe("the enforce template's preview: an edit of the stored policy", () => {
  const enforce = fixture('enforce-authorization');
  // The demo's order-service as Git holds it: tried authorization for the ingress gateway, health checks, a scope.
  const stored: MeshPolicyInput = {
    service: { name: 'order-service', namespace: 'orders', ports: [{ number: 8080, name: 'http', protocol: 'HTTP' }], replicas: 2 },
    authorization: {
      dryRun: true,
      allow: [{ principals: ['cluster.local/ns/istio-system/sa/istio-ingressgateway-service-account'], methods: ['GET', 'POST'], paths: ['/api/v1/orders*'] }],
      healthCheckPaths: ['/healthz'],
    },
    scope: { hosts: ['payments/payment-service.payments.svc.cluster.local'] },
  };
  const order = demoComponent('order-service', 'orders');
  // The folder as the branch holds it: the stored policy rendered.
  const storedFiles = () => renderPolicy(stored).files.map(file => ({ path: file.path, content: toYaml(file.objects) }));

  it('turns the dry run off and keeps every stored caller, health check and host: every caller it knows of keeps access', () => {
    const preview = previewPolicy(enforce, order, { entity: 'component:default/order-service' }, stored, storedFiles());
    if (!preview.ok) throw new Error(JSON.stringify(preview.errors));
    const allowCallers = preview.files.find(f => f.path === 'authorizationpolicy-order-service-allow-callers.yaml')!.content;
    expect(allowCallers).toContain('/api/v1/orders*');
    expect(allowCallers).not.toContain('istio.io/dry-run');
    // The stored policy is a file of the commit too, as the action writes it: the edit, and nothing else, changed.
    expect(preview.files.find(f => f.path === POLICY_FILE)?.content).toBe(
      policyFileText({ ...stored, authorization: { ...stored.authorization, dryRun: false } }),
    );
    expect(preview.files.find(f => f.path === 'sidecar-order-service.yaml')?.content).toContain('payments/payment-service.payments.svc.cluster.local');
    expect(preview.access.map(change => `${change.caller} ${change.request} ${change.before}→${change.after}`)).toEqual([
      'istio-system/istio-ingressgateway-service-account GET /api/v1/ordersx allow→allow',
      'istio-system/istio-ingressgateway-service-account GET /healthz allow→allow',
    ]);
    expect(previewProblems(previewValue(preview, []))).toEqual([]);
    expect(preview.words.find(sentence => sentence.startsWith('Denies by default'))).not.toContain('dry run');
  });

  it('asks about a caller Prometheus saw that no rule names: it loses access, and the form cannot go on until it is ticked', () => {
    const seen = [{ principal: 'spiffe://cluster.local/ns/shop/sa/frontend', rate: 2, observed: true }];
    const preview = previewPolicy(enforce, order, { entity: 'component:default/order-service' }, stored, storedFiles(), seen);
    if (!preview.ok) throw new Error(JSON.stringify(preview.errors));
    const value = previewValue(preview, []);
    expect(value.losing).toEqual(['shop/frontend']);
    expect(previewProblems(value)).toEqual(['shop/frontend would lose access: tick each one that is meant, or change the form so they keep it']);
    expect(previewProblems(previewValue(preview, ['shop/frontend', 'orders/ghost']))).toEqual([]);
    expect(previewValue(preview, ['shop/frontend', 'orders/ghost']).confirmAccessLoss).toEqual(['shop/frontend']);
  });

  it('says, under the field, that Git holds no policy to edit, and keeps the form from going on', () => {
    const preview = previewPolicy(enforce, order, { entity: 'component:default/order-service' }, undefined);
    expect(preview).toEqual({
      ok: false,
      errors: [{ field: 'edit', message: expect.stringContaining('holds no Meshport policy (meshport-policy.yaml) in Git to change') }],
    });
    expect(previewProblems(previewValue(preview, []))).toEqual([expect.stringContaining('put the service on the mesh first')]);
  });
});

describe("the strict-mTLS template's preview: an edit of the stored mode, and nothing else", () => {
  const strictMtls = fixture('strict-mtls');
  const stored: MeshPolicyInput = {
    service: {
      name: 'order-service',
      namespace: 'orders',
      ports: [
        { number: 8080, name: 'http', protocol: 'HTTP' },
        { number: 9090, name: 'metrics', protocol: 'HTTP' },
      ],
    },
    mtls: { mode: 'PERMISSIVE', portOverrides: [{ port: 9090, mode: 'PERMISSIVE' }] },
    authorization: { denyByDefault: true, allow: [{ principals: ['cluster.local/ns/shop/sa/storefront'], methods: ['GET'] }] },
    traffic: { timeout: '3s' },
  };
  const storedFiles = () => renderPolicy(stored).files.map(file => ({ path: file.path, content: toYaml(file.objects) }));

  it('sets mtls.mode to STRICT, keeps the per-port override and every other section, and every known caller keeps access', () => {
    const preview = previewPolicy(strictMtls, demoComponent('order-service', 'orders'), { entity: 'component:default/order-service' }, stored, storedFiles());
    if (!preview.ok) throw new Error(JSON.stringify(preview.errors));
    expect(preview.files.find(f => f.path === POLICY_FILE)?.content).toBe(policyFileText({ ...stored, mtls: { ...stored.mtls!, mode: 'STRICT' } }));
    const peerAuthentication = preview.files.find(f => f.path === 'peerauthentication-order-service.yaml')!.content;
    expect(peerAuthentication).toContain('mode: STRICT');
    expect(peerAuthentication).toMatch(/"9090":\n\s+mode: PERMISSIVE/);
    // Only the PeerAuthentication and the stored policy differ from what the branch holds.
    const before = new Map(storedFiles().map(file => [file.path, file.content]));
    expect(preview.files.filter(file => before.has(file.path) && before.get(file.path) !== file.content).map(file => file.path)).toEqual([
      'peerauthentication-order-service.yaml',
    ]);
    expect(preview.access.map(change => `${change.caller} ${change.before}→${change.after}`)).toEqual(['shop/storefront allow→allow']);
    expect(previewProblems(previewValue(preview, []))).toEqual([]);
  });

  it('cannot run on a service Git holds no policy for: it says so under the field', () => {
    const preview = previewPolicy(strictMtls, demoComponent('order-service', 'orders'), { entity: 'component:default/order-service' }, undefined, []);
    expect(preview.ok ? [] : preview.errors.map(error => error.field)).toEqual(['edit']);
  });
});
