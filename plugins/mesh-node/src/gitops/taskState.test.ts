import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { displayUrl } from './plainGit';
import { CheckoutRecord, GitOpsTaskStore } from './taskState';

describe("a task's GitOps state", () => {
  const made: string[] = [];
  const root = () => {
    made.push(fs.mkdtempSync(path.join(os.tmpdir(), 'meshport-store-test-')));
    return path.join(made[made.length - 1], 'store');
  };
  afterAll(() => made.forEach(dir => fs.rmSync(dir, { recursive: true, force: true })));

  it('lives in a private folder, one per task and working copy, that only the backend can read', async () => {
    const directory = root();
    const store = await GitOpsTaskStore.create({ directory });
    expect(fs.statSync(directory).mode & 0o777).toBe(0o700);
    const a = store.forTask('task-1', 'gitops');
    expect(store.forTask('task-1', 'gitops').directory).toBe(a.directory);
    expect(store.forTask('task-1', 'other').directory).not.toBe(a.directory);
    expect(store.forTask('task-2', 'gitops').directory).not.toBe(a.directory);
    // The folder name is a digest: a task id or working copy cannot steer it elsewhere.
    expect(path.dirname(store.forTask('../../etc', '../x').directory)).toBe(directory);
  });

  it('keeps the checkout record for the later steps, and names the field when a step runs without one', async () => {
    const state = (await GitOpsTaskStore.create({ directory: root() })).forTask('task-1', 'gitops');
    await expect(state.readRecord('workingCopy', 'gitops')).rejects.toMatchObject({
      name: 'InputError',
      message: 'workingCopy: this task checked out no GitOps repository into "gitops"; run mesh:gitops:checkout first',
    });
    await state.reset();
    const record = { folder: 'mesh/payments/payment-service', tree: [], staged: { writes: {}, removes: [] } } as unknown as CheckoutRecord;
    await state.writeRecord(record);
    expect(await state.readRecord('workingCopy', 'gitops')).toEqual(record);
    expect(fs.statSync(path.join(state.directory, 'record.json')).mode & 0o777).toBe(0o600);
    await state.remove();
    expect(fs.existsSync(state.directory)).toBe(false);
  });

  it('sweeps a state once it is older than the maximum age, not before', async () => {
    const store = await GitOpsTaskStore.create({ directory: root(), maxAgeMs: 60_000 });
    const old = store.forTask('old', 'gitops');
    const recent = store.forTask('recent', 'gitops');
    await old.reset();
    await recent.reset();
    await store.sweep(Date.now() + 30_000);
    expect([fs.existsSync(old.directory), fs.existsSync(recent.directory)]).toEqual([true, true]);
    await store.sweep(Date.now() + 120_000);
    expect([fs.existsSync(old.directory), fs.existsSync(recent.directory)]).toEqual([false, false]);
  });
});

describe('displayUrl', () => {
  it('strips the credentials from a remote before it is shown', () => {
    expect(displayUrl('https://x-access-token:ghp_secret@github.example.com/acme/gitops.git')).toBe('https://github.example.com/acme/gitops.git');
    expect(displayUrl('not a url')).toBe('not a url');
  });
});

describe('sweeping the GitOps state', () => {
  const made: string[] = [];
  const temporary = () => {
    made.push(fs.mkdtempSync(path.join(os.tmpdir(), 'meshport-sweep-test-')));
    return made[made.length - 1];
  };
  afterAll(() => made.forEach(dir => fs.rmSync(dir, { recursive: true, force: true })));

  it("removes a state once its task's workspace is gone, and keeps those of running tasks", async () => {
    const dir = temporary();
    const store = await GitOpsTaskStore.create({ directory: path.join(dir, 'store') });
    const [running, ended] = [path.join(dir, 'running'), path.join(dir, 'ended')];
    fs.mkdirSync(running);
    fs.mkdirSync(ended);
    await store.forTask('running', 'gitops').reset(running);
    await store.forTask('ended', 'gitops').reset(ended);
    fs.rmSync(ended, { recursive: true });
    await store.sweep();
    expect([fs.existsSync(store.forTask('running', 'gitops').directory), fs.existsSync(store.forTask('ended', 'gitops').directory)]).toEqual([true, false]);
  });

  it('removes the oldest states while all of them hold more than the size limit', async () => {
    const dir = temporary();
    const store = await GitOpsTaskStore.create({ directory: path.join(dir, 'store'), maxTotalBytes: 150_000 });
    for (const [index, name] of ['first', 'second', 'third'].entries()) {
      const state = store.forTask(name, 'gitops');
      await state.reset();
      fs.writeFileSync(path.join(state.directory, 'blob'), Buffer.alloc(60_000));
      const at = new Date(Date.now() - (3 - index) * 1000);
      fs.utimesSync(state.directory, at, at);
    }
    expect(await store.sweep()).toBeLessThanOrEqual(150_000);
    expect(['first', 'second', 'third'].map(name => fs.existsSync(store.forTask(name, 'gitops').directory))).toEqual([false, true, true]);
  });

  it('refuses a new checkout while running tasks hold the limit, naming it', async () => {
    const dir = temporary();
    const workspace = path.join(dir, 'workspace');
    fs.mkdirSync(workspace);
    const store = await GitOpsTaskStore.create({ directory: path.join(dir, 'store'), maxTotalBytes: 1000 });
    const state = store.forTask('busy', 'gitops');
    await state.reset(workspace);
    fs.writeFileSync(path.join(state.directory, 'blob'), Buffer.alloc(2000));
    await expect(store.ensureRoom()).rejects.toThrow(/limit of 1000 \(mesh\.gitops\.state\.maxTotalBytes\)/);
    expect(fs.existsSync(state.directory)).toBe(true);
  });
});
