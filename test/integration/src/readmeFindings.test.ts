import fs from 'node:fs';
import path from 'node:path';
import { FINDING_CODES } from '@meshport/istio-config';
import { findRepoRoot } from '@meshport/test-harness';

// The README's findings table is the reference a platform team reads: it lists every code the analyzers
// report, with the level and meaning the code carries, and nothing else.

/** The table as it must read, from the codes themselves. */
function findingsTable(): string {
  const rows = Object.entries(FINDING_CODES).map(([code, d]) => `| ${code} | ${d.level} | ${d.name} | ${d.title} | ${d.fix} |`);
  return ['| code | level | name | meaning | what to do |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
}

describe("the README's findings table", () => {
  it("lists every code with its level, name, meaning and fix (regenerate: see the test's findingsTable)", () => {
    const readme = fs.readFileSync(path.join(findRepoRoot(), 'README.md'), 'utf8');
    const table = /<!-- findings:start -->\n([\s\S]*?)\n<!-- findings:end -->/.exec(readme)?.[1];
    expect(table).toBe(findingsTable());
  });
});
