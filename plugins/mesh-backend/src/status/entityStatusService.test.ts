import { mockServices } from '@backstage/backend-test-utils';
import { PendingChangesStatus } from '@meshport/plugin-mesh-common';
import { PendingChangesSource } from '../pending/pendingChanges';
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
  const service = new EntityStatusService([], 'istio-system', mockServices.logger.mock(), pending);

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
