import { fileChanges } from './fileChanges';

describe('a proposed folder against the branch', () => {
  it("says which files are added, changed (with their lines), unchanged, and which of Meshport's own it would remove", () => {
    const current = new Map([
      ['peerauthentication-cart.yaml', 'spec:\n  mtls:\n    mode: PERMISSIVE\n'],
      ['kustomization.yaml', 'resources: []\n'],
      ['authorizationpolicy-cart-old.yaml', 'spec: {}\n'],
      ['NOTES.md', "the team's own\n"],
      ['meshport-owned.yaml', 'files:\n  peerauthentication-cart.yaml: sha256:1\n  authorizationpolicy-cart-old.yaml: sha256:2\n'],
    ]);
    const proposed = [
      { path: 'kustomization.yaml', content: 'resources: []\n' },
      { path: 'peerauthentication-cart.yaml', content: 'spec:\n  mtls:\n    mode: STRICT\n' },
      { path: 'telemetry-cart.yaml', content: 'spec: {}\n' },
    ];
    expect(fileChanges(proposed, current)).toEqual([
      { path: 'kustomization.yaml', change: 'unchanged' },
      { path: 'peerauthentication-cart.yaml', change: 'changed', diff: ' spec:\n   mtls:\n-    mode: PERMISSIVE\n+    mode: STRICT\n ' },
      { path: 'telemetry-cart.yaml', change: 'added' },
      { path: 'authorizationpolicy-cart-old.yaml', change: 'removed' },
    ]);
  });
});
