import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { demoComponent } from '../../components/testFixtures';
import { previewPolicy } from './policyPreview';

const template = parse(fs.readFileSync(path.resolve(__dirname, '../../../../../templates/onboard-service/template.yaml'), 'utf8'));

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
  });

  it('names the fields that are not valid yet, as the action would', () => {
    const preview = previewPolicy(template, demoComponent('user-service', 'users'), { ...form, ports: [{ number: 70000, protocol: 'HTTP' }] });
    expect(preview).toEqual({ ok: false, errors: [expect.objectContaining({ field: 'policy.service.ports[0].number' })] });
  });
});
