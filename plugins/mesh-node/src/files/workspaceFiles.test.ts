import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureFolder, hasGitMetadata, removeFileSafely, writeFileSafely } from './workspaceFiles';

describe('workspace files', () => {
  let root: string;
  let outside: string;

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'meshport-files-'));
    outside = fs.mkdtempSync(path.join(os.tmpdir(), 'meshport-outside-'));
    fs.writeFileSync(path.join(outside, 'victim.txt'), 'original\n');
  });

  afterEach(() => {
    fs.rmSync(root, { recursive: true, force: true });
    fs.rmSync(outside, { recursive: true, force: true });
  });

  it('creates folders and writes files, replacing what was there', async () => {
    await writeFileSafely(root, 'gitops/mesh/a/file.yaml', 'one\n');
    await writeFileSafely(root, 'gitops/mesh/a/file.yaml', 'two\n');
    expect(fs.readFileSync(path.join(root, 'gitops/mesh/a/file.yaml'), 'utf8')).toBe('two\n');
    expect(fs.readdirSync(path.join(root, 'gitops/mesh/a'))).toEqual(['file.yaml']);
  });

  it('refuses a link anywhere on the way, naming it, and writes nothing through it', async () => {
    fs.mkdirSync(path.join(root, 'gitops'));
    fs.symlinkSync(outside, path.join(root, 'gitops', 'mesh'));
    await expect(writeFileSafely(root, 'gitops/mesh/victim.txt', 'pwned\n')).rejects.toThrow(/^gitops\/mesh: is a symbolic link/);
    expect(fs.readFileSync(path.join(outside, 'victim.txt'), 'utf8')).toBe('original\n');
  });

  it("refuses a link at the file's own name, and removes none through one", async () => {
    fs.mkdirSync(path.join(root, 'gitops'));
    fs.symlinkSync(path.join(outside, 'victim.txt'), path.join(root, 'gitops', 'file.yaml'));
    await expect(writeFileSafely(root, 'gitops/file.yaml', 'pwned\n')).rejects.toThrow(/gitops\/file\.yaml: is a symbolic link/);
    await expect(removeFileSafely(root, 'gitops/file.yaml')).rejects.toThrow(/is a symbolic link/);
    expect(fs.readFileSync(path.join(outside, 'victim.txt'), 'utf8')).toBe('original\n');
  });

  it('refuses paths that climb out or name git metadata', async () => {
    await expect(writeFileSafely(root, 'gitops/../../x', 'x')).rejects.toThrow(/must be a relative path/);
    await expect(writeFileSafely(root, 'gitops/.git/config', 'x')).rejects.toThrow(/must be a relative path/);
    await expect(ensureFolder(root, 'a b', 'workingCopy', true)).rejects.toThrow(/^workingCopy: "a b" must be a relative path of letters/);
  });

  it('finds git metadata a step left in a working copy, file or link alike', async () => {
    fs.mkdirSync(path.join(root, 'gitops'));
    expect(await hasGitMetadata(root, 'gitops')).toBe(false);
    fs.symlinkSync(outside, path.join(root, 'gitops', '.git'));
    expect(await hasGitMetadata(root, 'gitops')).toBe(true);
  });
});
