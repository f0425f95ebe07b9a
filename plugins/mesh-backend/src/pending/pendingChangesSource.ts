import { PendingChangesStatus } from '@meshport/plugin-mesh-common';

/** Where open Meshport changes for an entity are found. */
export interface PendingChangesSource {
  forService(namespace: string, service: string): Promise<PendingChangesStatus>;
}
