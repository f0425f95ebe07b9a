import { minimalPolicyExample, paymentServicePolicyExample } from '../examples';
import { policyAfterChange } from './policyAfterChange';

const stored = JSON.parse(JSON.stringify(paymentServicePolicyExample)) as Record<string, unknown>;

describe('a form’s change, from its values to the files (what the preview and mesh:render both run)', () => {
  it('lays the form’s sections over the stored policy, keeps what it does not send, and renders the result', () => {
    const after = policyAfterChange(stored, { policy: { mtls: { mode: 'PERMISSIVE' } } });
    if (!after.ok) throw new Error(JSON.stringify(after.errors));
    expect(after.value.policy.mtls.mode).toBe('PERMISSIVE');
    expect(after.value.document.jwt).toEqual(stored.jwt);
    const peerAuthentication = after.value.rendered.objects.find(object => object.kind === 'PeerAuthentication');
    expect(peerAuthentication?.spec).toMatchObject({ mtls: { mode: 'PERMISSIVE' } });
  });

  it('removes the sections asked, and edits one field in place', () => {
    const removed = policyAfterChange(stored, { policy: {}, removeSections: ['jwt'] });
    expect(removed.ok && removed.value.document.jwt).toBe(undefined);
    expect(removed.ok && removed.value.rendered.objects.some(object => object.kind === 'RequestAuthentication')).toBe(false);
    const edited = policyAfterChange(stored, { policy: {}, edit: { mtls: { mode: 'STRICT' } } });
    expect(edited.ok && edited.value.document.authorization).toEqual(stored.authorization);
    expect(edited.ok && edited.value.policy.mtls.mode).toBe('STRICT');
  });

  it('names the field that stops it: an edit with nothing stored, a canary step with nothing stored, an invalid section', () => {
    expect(policyAfterChange(undefined, { policy: {}, edit: { mtls: { mode: 'STRICT' } } })).toEqual({
      ok: false,
      errors: [{ field: 'edit', message: expect.stringContaining('holds no Meshport policy') }],
    });
    const promote = policyAfterChange(undefined, { policy: minimalPolicyExample as Record<string, unknown>, canaryStep: { step: 'promote' } });
    expect(promote.ok ? [] : promote.errors.map(error => error.field)).toEqual(['canaryStep.step']);
    const invalid = policyAfterChange(stored, { policy: { mtls: { mode: 'SOMETIMES' } } });
    expect(invalid.ok ? [] : invalid.errors.map(error => error.field)).toEqual(['policy.mtls.mode']);
  });

  it('reads the stored policy too, for who keeps access: none when nothing is stored or the model no longer reads it', () => {
    const after = policyAfterChange(stored, { policy: { mtls: { mode: 'PERMISSIVE' } } });
    expect(after.ok && after.value.before?.mtls.mode).toBe('STRICT');
    const fresh = policyAfterChange(undefined, { policy: minimalPolicyExample as Record<string, unknown> });
    expect(fresh.ok && fresh.value.before).toBe(undefined);
    const handEdited = policyAfterChange({ ...stored, mtls: { mode: 'SOMETIMES' } }, { policy: { mtls: { mode: 'STRICT' } } });
    expect(handEdited.ok && handEdited.value.before).toBe(undefined);
    expect(handEdited.ok && handEdited.value.policy.mtls.mode).toBe('STRICT');
  });
});
