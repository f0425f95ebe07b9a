import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConflictError, InputError } from '@backstage/errors';
import { createBareRepository, git, pushCommit } from '@meshport/test-harness';
import { DEFAULT_LIMITS, GitOpsLimits } from './gitopsConfig';
import { PrivateRepository } from './privateRepository';
import { GitOpsTaskStore } from './taskState';

const MESHPORT = { name: 'Meshport', email: 'meshport@example.com' };

describe("PrivateRepository, a task's own copy of a real GitOps repository", () => {
  let root: string;
  let remote: string;
  let store: GitOpsTaskStore;
  let tasks = 0;

  /** A fresh task's repository, initialised, over the remote (or another URL). */
  const open = async (limits: Partial<GitOpsLimits> = {}, remoteUrl = `file://${remote}`) => {
    tasks += 1;
    const state = store.forTask(`task-${tasks}`, 'gitops');
    await state.reset();
    const repository = new PrivateRepository(state, { remoteUrl, identity: MESHPORT, limits: { ...DEFAULT_LIMITS, ...limits } });
    await repository.init();
    return repository;
  };
  const head = (branch: string) => git(remote, 'rev-parse', `refs/heads/${branch}`);

  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'meshport-private-repository-'));
    remote = createBareRepository(root, {
      'mesh/payments/kustomization.yaml': 'resources: [peerauthentication.yaml]\n',
      'mesh/payments/peerauthentication.yaml': 'kind: PeerAuthentication\n',
      'mesh/payments/link.yaml': { symlink: '/etc/passwd' },
      'mesh/payments/big.yaml': 'x'.repeat(2048),
      'elsewhere/secret.yaml': 'not read\n',
    });
    store = await GitOpsTaskStore.create({ directory: path.join(root, 'store') });
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it("lists the remote's default branch and heads, fetches the base, and reads only the folders asked for, marking what it will not read", async () => {
    const repository = await open({ maxFileBytes: 1024 });
    const heads = await repository.remoteHeads(['main', 'meshport/none']);
    expect({ defaultBranch: heads.defaultBranch, heads: [...heads.heads] }).toEqual({ defaultBranch: 'main', heads: [['main', head('main')]] });
    const base = await repository.fetchBase('main');
    expect(base).toBe(head('main'));
    const files = await repository.listTree(base, ['mesh/payments']);
    expect(files.map(f => [f.path, f.unreadable])).toEqual([
      ['mesh/payments/big.yaml', 'is larger than the limit of 1024 bytes (mesh.gitops.limits.maxFileBytes)'],
      ['mesh/payments/kustomization.yaml', undefined],
      ['mesh/payments/link.yaml', 'is a symbolic link'],
      ['mesh/payments/peerauthentication.yaml', undefined],
    ]);
    const blobs = await repository.readBlobs(files.filter(f => !f.unreadable).map(f => f.sha));
    expect([...blobs.values()].map(b => b.toString('utf8')).sort()).toEqual(['kind: PeerAuthentication\n', 'resources: [peerauthentication.yaml]\n']);
  });

  it('commits staged contents on the base and pushes only while the branch is where it was found', async () => {
    const repository = await open();
    const base = await repository.fetchBase('main');
    expect(await repository.commit(base, { writes: {}, removes: [] }, 'nothing')).toBeUndefined();
    const commit = (await repository.commit(
      base,
      { writes: { 'mesh/payments/sidecar.yaml': 'kind: Sidecar\n' }, removes: ['mesh/payments/big.yaml'] },
      'Render\n\nRequested-by: alice',
    ))!;
    await repository.push(commit, 'meshport/payments', undefined);
    expect(head('meshport/payments')).toBe(commit);
    expect(git(remote, 'show', `${commit}:mesh/payments/sidecar.yaml`)).toBe('kind: Sidecar');
    expect(git(remote, 'ls-tree', '--name-only', '-r', commit)).not.toContain('mesh/payments/big.yaml');

    // Someone pushes in between: the lease fails, and their commit stays.
    const theirs = pushCommit(remote, 'meshport/payments', { 'mesh/payments/hand.yaml': 'a: 1\n' }, 'Hand edit');
    const again = (await repository.commit(base, { writes: { 'mesh/payments/sidecar.yaml': 'kind: Sidecar # 2\n' }, removes: [] }, 'Render again'))!;
    await expect(repository.push(again, 'meshport/payments', commit)).rejects.toThrow(ConflictError);
    expect(head('meshport/payments')).toBe(theirs);
    // Taking back a push that is no longer the head changes nothing either.
    await repository.undoPush('meshport/payments', commit, undefined);
    expect(head('meshport/payments')).toBe(theirs);
  });

  it("fetches the change branch's own commits, naming those Meshport did not make and who asked for its own", async () => {
    const repository = await open();
    await repository.fetchBase('main');
    expect(await repository.fetchBranch('meshport/payments', 'main')).toBe(true);
    expect(await repository.requesters()).toEqual(['alice']);
    const foreign = await repository.foreignCommits(MESHPORT.email);
    expect(foreign).toEqual([expect.stringMatching(/^[0-9a-f]+ by .*: "Hand edit"$/)]);
  });

  it('starts again from the base when the change branch was merged (it has no commits of its own)', async () => {
    git(remote, 'branch', 'meshport/merged', 'main');
    const repository = await open();
    await repository.fetchBase('main');
    expect(await repository.fetchBranch('meshport/merged', 'main')).toBe(false);
  });

  it('refuses a transport other than https, http and file, and a repository over the size limit, naming where to look', async () => {
    await expect(open({}, 'ssh://git@example.com/acme/gitops.git')).rejects.toThrow(new InputError('repoUrl: the "ssh" transport is not supported'));
    const small = await open({ maxRepositoryBytes: 512 });
    await expect(small.fetchBase('main')).rejects.toThrow(/mesh\.gitops\.limits\.maxRepositoryBytes/);
  });
});
