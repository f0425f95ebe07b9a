/**
 * Moving a namespace between the sidecar and ambient data planes, in the order Istio's migration guide
 * gives (istio.io/latest/docs/ambient/migrate): each step is one change request, safe to merge on its own
 * and to revert on its own, and none leaves a pod served by neither a sidecar nor ztunnel.
 */

/**
 * The steps towards ambient, in order: each adds one thing to the namespace's sidecar labels.
 *
 * @public
 */
export const TO_AMBIENT_STEPS = ['deploy-waypoint', 'use-waypoint', 'enroll', 'stop-injection'] as const;
/**
 * The steps back to sidecars, in order.
 *
 * @public
 */
export const TO_SIDECAR_STEPS = ['restore-injection', 'leave-ambient'] as const;

/** @public */
export type MigrationStep = (typeof TO_AMBIENT_STEPS)[number] | (typeof TO_SIDECAR_STEPS)[number];

/**
 * One step of a namespace migration, in words a platform team acts on.
 *
 * @public
 */
export interface MigrationStepPlan {
  step: MigrationStep;
  title: string;
  /** What the change request changes. */
  changes: string;
  /** Why it is safe to merge by itself, and what must hold before. */
  safeBecause: string;
  /** What to do after merging, before the next step. */
  then: string;
  /** How to undo it. */
  rollback: string;
}

/** @public */
export const MIGRATION_STEPS: Record<MigrationStep, MigrationStepPlan> = {
  'deploy-waypoint': {
    step: 'deploy-waypoint',
    title: 'Deploy the namespace waypoint',
    changes: 'adds a Gateway of class istio-waypoint named "waypoint"; the namespace keeps its sidecar injection',
    safeBecause:
      'nothing is sent through the waypoint yet. Before: the cluster runs the ambient profile (istio-cni, ztunnel) and has the Gateway API CRDs, and the namespace\'s sidecar pods were restarted after it was installed, so that they picked up ISTIO_META_ENABLE_HBONE and take HBONE from ambient callers (Istio\'s migration guide, "Enable HBONE support in existing sidecars")',
    then: 'check the Gateway is Programmed and its pod ready; re-render each service that has HTTP rules with targetRefs policies on its Service',
    rollback: 'revert: the waypoint is removed',
  },
  'use-waypoint': {
    step: 'use-waypoint',
    title: 'Point the namespace at its waypoint',
    changes: 'labels the namespace istio.io/use-waypoint=waypoint',
    safeBecause:
      'sidecar pods ignore the label (Istio routes sidecar traffic past waypoints); ambient callers start going through the waypoint, which now enforces the targetRefs policies',
    then: "istioctl waypoint status; the waypoint serves the namespace's services",
    rollback: 'revert: the label is removed',
  },
  enroll: {
    step: 'enroll',
    title: 'Enroll the namespace in ambient mode',
    changes: 'labels the namespace istio.io/dataplane-mode=ambient, keeping the injection label',
    safeBecause: 'a sidecar takes precedence over ztunnel: running pods and new pods keep their sidecars until injection stops',
    then: 'istioctl ztunnel-config workloads shows the namespace (its sidecar pods still HBONE-capable)',
    rollback: 'revert: the ambient label is removed',
  },
  'stop-injection': {
    step: 'stop-injection',
    title: 'Stop sidecar injection',
    changes: 'removes istio-injection / istio.io/rev: the namespace is ambient, its pods get no sidecar when they next start',
    safeBecause: 'running pods keep their sidecars; each pod that restarts comes up in ambient mode, served by ztunnel and the waypoint',
    then: 'restart the workloads (re-render each service in ambient mode: its pods restart without a sidecar, and its selector-based HTTP policies, which ztunnel would turn into deny-all, go in the same change). With HTTP rules there is no zero-downtime path: plan a window',
    rollback: 'revert, then restart the workloads: they get sidecars again',
  },
  'restore-injection': {
    step: 'restore-injection',
    title: 'Restore sidecar injection',
    changes: 'labels the namespace for injection again, keeping istio.io/dataplane-mode=ambient and the waypoint',
    safeBecause: 'pods that restart get a sidecar, which takes precedence over ztunnel; the others stay in ambient mode',
    then: 're-render each service in sidecar mode (its pods restart with a sidecar, its policies back on selectors)',
    rollback: 'revert: injection stops again',
  },
  'leave-ambient': {
    step: 'leave-ambient',
    title: 'Leave ambient mode',
    changes: 'removes istio.io/dataplane-mode, istio.io/use-waypoint and the namespace waypoint',
    safeBecause: 'every pod has its sidecar again (check 2/2 containers first); nothing uses the waypoint',
    then: 'the namespace is a sidecar namespace',
    rollback: 'revert: the namespace is enrolled again, with its waypoint',
  },
};

/**
 * The steps of a migration in order, to ambient or back to sidecars.
 *
 * @public
 */
export function migrationSteps(to: 'ambient' | 'sidecar'): MigrationStepPlan[] {
  return (to === 'ambient' ? TO_AMBIENT_STEPS : TO_SIDECAR_STEPS).map(step => MIGRATION_STEPS[step]);
}
