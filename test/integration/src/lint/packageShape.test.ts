import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findRepoRoot } from '@meshport/test-harness';

// The shape of the product's packages, measured on the sources: mesh-common holds what both the browser and
// Node use and no more than 40% of the product; no package's files import each other in a circle; the
// frontend plugin's own code loads no Node library.

const repoRoot = findRepoRoot();
const PRODUCT_FOLDERS = ['plugins', 'packages'];

/** A package's hand-written source files: tests, test utilities and generated files (`*.generated.ts`) left out. */
function sourceFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === '__testUtils__' || entry.name === '__snapshots__' ? [] : sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$|\.d\.ts$|\.generated\.ts$|setupTests\.ts$/.test(entry.name) ? [full] : [];
  });
}

const productPackages = PRODUCT_FOLDERS.flatMap(folder =>
  fs
    .readdirSync(path.join(repoRoot, folder), { withFileTypes: true })
    .filter(entry => entry.isDirectory() && fs.existsSync(path.join(repoRoot, folder, entry.name, 'src')))
    .map(entry => `${folder}/${entry.name}`),
);

/** Lines of code: not blank, not a comment line. */
const codeLines = (file: string) =>
  fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter(line => line.trim() !== '' && !/^\s*(\/\/|\/\*|\*)/.test(line)).length;

/** The files a file imports by relative path, resolved as TypeScript resolves them. */
function relativeImports(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:import|export)\s[^'";]*?from\s+'(\.[^']+)'/g)].map(match => match[1]);
  return specifiers.flatMap(specifier => {
    const base = path.resolve(path.dirname(file), specifier);
    const found = [`${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts'), base].find(
      candidate => fs.existsSync(candidate) && fs.statSync(candidate).isFile(),
    );
    return found ? [found] : [];
  });
}

/** The strongly connected components of more than one file (Tarjan), each as its files relative to the repository. */
function importCircles(files: string[]): string[][] {
  const edges = new Map(files.map(file => [file, relativeImports(file).filter(target => target !== file)]));
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const circles: string[][] = [];
  let next = 0;
  const visit = (file: string) => {
    index.set(file, next);
    low.set(file, next);
    next += 1;
    stack.push(file);
    onStack.add(file);
    for (const target of edges.get(file) ?? []) {
      if (!edges.has(target)) continue;
      if (!index.has(target)) {
        visit(target);
        low.set(file, Math.min(low.get(file)!, low.get(target)!));
      } else if (onStack.has(target)) {
        low.set(file, Math.min(low.get(file)!, index.get(target)!));
      }
    }
    if (low.get(file) !== index.get(file)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(path.relative(repoRoot, member));
    } while (member !== file);
    if (component.length > 1) circles.push(component.sort());
  };
  files.forEach(file => index.has(file) || visit(file));
  return circles;
}

describe("the product's packages", () => {
  const lines = new Map(productPackages.map(pkg => [pkg, sourceFiles(path.join(repoRoot, pkg, 'src')).reduce((sum, file) => sum + codeLines(file), 0)]));
  const total = [...lines.values()].reduce((sum, count) => sum + count, 0);

  it('give mesh-common at most 40% of the lines of code', () => {
    expect(total).toBeGreaterThan(10_000);
    const share = lines.get('plugins/mesh-common')! / total;
    expect(share).toBeLessThanOrEqual(0.4);
  });

  it.each(productPackages)('%s: no files import each other in a circle', pkg => {
    expect(importCircles(sourceFiles(path.join(repoRoot, pkg, 'src')))).toEqual([]);
  });

  it('finds a circle where there is one, so that the check above can fail', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'circle-'));
    try {
      fs.writeFileSync(path.join(dir, 'a.ts'), "import { b } from './b';\nexport const a = b;\n");
      fs.writeFileSync(path.join(dir, 'b.ts'), "import type { a } from './a';\nexport const b = 1 as unknown as typeof a;\n");
      fs.writeFileSync(path.join(dir, 'c.ts'), "import { a } from './a';\nexport const c = a;\n");
      expect(importCircles(sourceFiles(dir)).map(circle => circle.map(file => path.basename(file)))).toEqual([['a.ts', 'b.ts']]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("load no Node library from the frontend plugin's own code (its tests may)", () => {
    const nodeOnly = sourceFiles(path.join(repoRoot, 'plugins/mesh/src')).filter(file =>
      /from '@meshport\/(plugin-mesh-status-node|plugin-mesh-node|plugin-mesh-backend)'/.test(fs.readFileSync(file, 'utf8')),
    );
    expect(nodeOnly).toEqual([]);
  });
});
