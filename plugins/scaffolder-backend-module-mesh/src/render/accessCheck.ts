import { InputError } from '@backstage/errors';
import {
  AccessChange,
  accessChanges,
  describeAccessChange,
  knownCallers,
  MeshPolicy,
  ObservedCaller,
  objectsWithPatches,
  withObservedCallers,
} from '@meshport/plugin-mesh-common';

/** The objects a set of manifests puts in a cluster, kustomize patches included (they say a folder's data plane and waypoint). */
export function objectsOf(manifests: Array<{ documents: unknown[] }>): unknown[] {
  return objectsWithPatches(manifests.flatMap(manifest => manifest.documents));
}

/**
 * Who keeps access: every caller the stored or the new policy names, and those the mesh status saw calling
 * or the catalog says depend on the service, asked of the traffic model before and after the change over
 * the whole mesh tree. A caller that loses access stops the render unless `confirmAccessLoss` names it: a
 * change never takes access away silently.
 */
export function checkAccess(options: {
  before: unknown[];
  after: unknown[];
  stored: MeshPolicy | undefined;
  next: MeshPolicy;
  observed?: ObservedCaller[];
  confirmAccessLoss: string[];
}): AccessChange[] {
  const { next } = options;
  const host = `${next.service.name}.${next.service.namespace}.svc.cluster.local`;
  const callers = withObservedCallers(knownCallers(options.stored, next), options.observed ?? [], next);
  const changes = accessChanges(options.before, options.after, host, callers);
  const unconfirmed = changes.filter(change => change.before === 'allow' && change.after === 'deny' && !options.confirmAccessLoss.includes(change.caller));
  if (unconfirmed.length > 0) {
    throw new InputError(
      `confirmAccessLoss: this change takes access away from ${unconfirmed.map(describeAccessChange).join('; ')}. ` +
        `Nothing was changed. If that is meant, name ${unconfirmed.length === 1 ? 'it' : 'them'} under confirmAccessLoss (${[
          ...new Set(unconfirmed.map(change => change.caller)),
        ].join(', ')}) and run again`,
    );
  }
  return changes;
}

/** The summary's section: each known caller's access, changes first, in words. */
export function accessSection(changes: AccessChange[]): string[] {
  if (changes.length === 0) return [];
  const changed = changes.filter(change => change.before !== change.after);
  const mark = (change: AccessChange) => {
    if (change.before === change.after) return '';
    return change.after === 'deny' ? '**loses access** ' : '**gains access** ';
  };
  const rows = [...changed, ...changes.filter(change => change.before === change.after)].map(
    change => `- ${mark(change)}${describeAccessChange(change)}; known as: ${change.why}`,
  );
  return [
    '## Who keeps access',
    '',
    changed.length === 0 ? 'Every caller Meshport knows of keeps the access it had.' : `${changed.length} of ${changes.length} known callers change:`,
    '',
    ...rows,
  ];
}
