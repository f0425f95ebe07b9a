import fs from 'node:fs';
import path from 'node:path';
import { findRepoRoot } from '@meshport/test-harness';

// Package tests read copies of the repository's templates from their own fixtures; each copy must be the template.
const COPIES = [
  ['templates/onboard-service/template.yaml', 'plugins/mesh/src/fields/MeshPolicyPreview/__fixtures__/onboard-service.template.yaml'],
  ['templates/enforce-authorization/template.yaml', 'plugins/mesh/src/fields/MeshPolicyPreview/__fixtures__/enforce-authorization.template.yaml'],
  ['templates/strict-mtls/template.yaml', 'plugins/mesh/src/fields/MeshPolicyPreview/__fixtures__/strict-mtls.template.yaml'],
];

describe("the packages' copies of the templates", () => {
  it.each(COPIES)('%s is copied unchanged to %s (copy it again after changing the template)', (template, copy) => {
    const read = (file: string) => fs.readFileSync(path.join(findRepoRoot(), file), 'utf8');
    expect(read(copy)).toBe(read(template));
  });
});
