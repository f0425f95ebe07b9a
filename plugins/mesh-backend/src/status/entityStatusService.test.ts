import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import { PendingChangesStatus } from '@meshport/plugin-mesh-common';
import { createBareRepository } from '@meshport/test-harness';
import { GitDesiredState } from '../desired/desiredState';
import { PendingChangesSource } from '../pending/pendingChanges';
import { fixedClusters } from './clusterFleet';
import { EntityStatusService } from './entityStatusService';

/** A pending-changes source that records what it was asked. */
class RecordingPendingChanges implements PendingChangesSource {
  readonly asked: string[] = [];
  async forService(namespace: string, service: string): Promise<PendingChangesStatus> {
    this.asked.push(`${namespace}/${service}`);
    return { items: [] };
  }
}

describe('EntityStatusService and entity annotations', () => {
  const pending = new RecordingPendingChanges();
  const service = new EntityStatusService(fixedClusters([]), 'istio-system', mockServices.logger.mock(), pending);

  it('says why a kubernetes-id that is no DNS label has no change branch, and asks no Git host', async () => {
    const status = await service.statusOf({
      ref: 'component:default/odd',
      annotations: { 'backstage.io/kubernetes-id': 'My_Svc', 'backstage.io/kubernetes-namespace': 'payments' },
    });
    expect(status.pendingChanges).toEqual({
      items: [],
      error: 'backstage.io/kubernetes-id "My_Svc" is not a DNS label, so no Meshport change branch is named after it',
    });
    expect(pending.asked).toEqual([]);
  });

  it("refuses a malformed selector as the caller's error, naming the annotation", async () => {
    await expect(
      service.statusOf({ ref: 'component:default/x', annotations: { 'backstage.io/kubernetes-label-selector': `app=${'x'.repeat(70)}` } }),
    ).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringContaining('component:default/x: annotation backstage.io/kubernetes-label-selector'),
    });
  });

  it('asks for the pending change of a well-named service', async () => {
    await service.statusOf({
      ref: 'component:default/ok',
      annotations: { 'backstage.io/kubernetes-id': 'payment-service', 'backstage.io/kubernetes-namespace': 'payments' },
    });
    expect(pending.asked).toEqual(['payments/payment-service']);
  });
});

describe('EntityStatusService and the GitOps folder an entity owns', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'meshport-owner-test-'));
  // The victim's folder on the target branch, recorded as component:default/victim-svc's by its first change.
  const repository = createBareRepository(root, {
    'mesh/victims/victim-svc/meshport-owned.yaml': 'entity: component:default/victim-svc\nfiles: {}\n',
    'mesh/victims/victim-svc/peerauthentication.yaml':
      'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n  name: victim-svc\n  namespace: victims\n',
    'mesh/shared/fresh-svc/peerauthentication.yaml':
      'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n  name: fresh-svc\n  namespace: shared\n',
  });
  const desired = new GitDesiredState(async () => ({ remoteUrl: `file://${repository}` }), {
    layout: { service: 'mesh/{namespace}/{service}', namespace: 'mesh/{namespace}/_namespace' },
    limits: { timeoutMs: 10_000, maxRepositoryBytes: 10_000_000, maxFiles: 1000, maxFileBytes: 1_000_000 },
    ttlMs: 60_000,
    directory: path.join(root, 'desired'),
  });
  const victim = { entityRef: 'component:default/victim-svc', owners: ['group:default/victim-team'] };
  const freshOwner = { entityRef: 'component:default/fresh-svc', owners: ['group:default/victim-team'] };
  /** The catalog's answer: which entities name each folder (what CatalogClaimants reads with the backend's credentials). */
  const claims = {
    async of(namespace: string, service?: string) {
      if (namespace === 'victims' && service === 'victim-svc') return [victim, { entityRef: 'component:default/claim-svc', owners: ['user:default/mallory'] }];
      if (namespace === 'shared' && service === 'fresh-svc')
        return [freshOwner, { entityRef: 'component:default/claim-fresh', owners: ['user:default/mallory'] }];
      return [];
    },
  };
  const pending = new RecordingPendingChanges();
  const service = new EntityStatusService(fixedClusters([]), 'istio-system', mockServices.logger.mock(), pending, 5000, undefined, desired, claims);
  const entity = (name: string, namespace: string, id: string, owners: string[]) => ({
    ref: `component:default/${name}`,
    annotations: { 'backstage.io/kubernetes-id': id, 'backstage.io/kubernetes-namespace': namespace },
    owners,
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it("answers another entity's recorded folder with neither its files nor its pending change, and says whose it is", async () => {
    const claim = entity('claim-svc', 'victims', 'victim-svc', ['user:default/mallory']);
    await expect(service.mergedFilesOf(claim)).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: expect.stringContaining('mesh/victims/victim-svc belongs to component:default/victim-svc'),
    });
    const status = await service.statusOf(claim);
    expect(status.pendingChanges).toEqual({ items: [], error: expect.stringContaining('belongs to component:default/victim-svc') });
    expect(pending.asked).not.toContain('victims/victim-svc');
  });

  it('refuses a folder with no record that two teams name in the catalog, naming both', async () => {
    const claim = entity('claim-fresh', 'shared', 'fresh-svc', ['user:default/mallory']);
    await expect(service.mergedFilesOf(claim)).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: expect.stringMatching(/component:default\/claim-fresh.*component:default\/fresh-svc/),
    });
  });

  it('serves the recorded owner its files and its pending change', async () => {
    const owner = entity('victim-svc', 'victims', 'victim-svc', victim.owners);
    const merged = await service.mergedFilesOf(owner);
    expect(merged.files.map(file => file.path).sort()).toEqual(['meshport-owned.yaml', 'peerauthentication.yaml']);
    await service.statusOf(owner);
    expect(pending.asked).toContain('victims/victim-svc');
  });
});
