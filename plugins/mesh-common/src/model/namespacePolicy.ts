import { z } from 'zod';
import { AMBIENT_ONLY } from './dataPlane';
import { MIGRATION_STEPS, MigrationStep, TO_AMBIENT_STEPS, TO_SIDECAR_STEPS } from './migration';
import { DATA_PLANE_MODES } from './policy';
import { dnsLabel, dnsSubdomain, kubernetesLabelValue, percentage } from './primitives';

/** The migration steps during which the namespace keeps its injection label next to the ambient ones. */
const STEPS_KEEPING_INJECTION: readonly string[] = ['deploy-waypoint', 'use-waypoint', 'enroll', 'restore-injection'];

/** Whether the namespace keeps (or has again) its sidecar injection label: sidecar mode, or a migration step that keeps it. */
export function keepsInjection(policy: { dataPlane: { mode: string; migrationStep?: string } }): boolean {
  return policy.dataPlane.mode === 'sidecar' || STEPS_KEEPING_INJECTION.includes(policy.dataPlane.migrationStep ?? '');
}

/**
 * Mesh defaults for a whole namespace: the entry point a platform team uses before services onboard.
 *
 * @public
 */
export const namespacePolicySchema = z
  .strictObject({
    namespace: dnsLabel.describe('Kubernetes namespace'),
    injection: z
      .strictObject({
        enabled: z.boolean().default(true).describe('Inject sidecars into every new pod'),
        revision: kubernetesLabelValue.optional().describe('Istio control plane revision (istio.io/rev)'),
      })
      .prefault({})
      .describe('Namespace injection label'),
    dataPlane: z
      .strictObject({
        mode: z
          .enum(DATA_PLANE_MODES)
          .default('sidecar')
          .describe("sidecar: inject a proxy into every new pod; ambient: enroll every pod with the node's ztunnel"),
        waypoint: z.boolean().default(false).describe('Ambient only: a waypoint named "waypoint" for the whole namespace, enforcing L7 rules of every service'),
        migrationStep: z
          .enum([...TO_AMBIENT_STEPS, ...TO_SIDECAR_STEPS] as [MigrationStep, ...MigrationStep[]])
          .optional()
          .describe(
            "A migration under way towards the mode, at this step of Istio's order (deploy-waypoint, use-waypoint, enroll, stop-injection to ambient; restore-injection, leave-ambient back); the last step is the mode itself",
          ),
      })
      .prefault({})
      .describe('Data plane of the namespace'),
    mtlsMode: z.enum(['STRICT', 'PERMISSIVE']).default('STRICT').describe('Namespace-wide mutual TLS'),
    denyAll: z.boolean().default(true).describe('Deny all traffic that no service policy allows'),
    telemetry: z
      .strictObject({
        tracingProvider: dnsSubdomain.optional().describe('Tracing provider from the mesh config'),
        samplingPercentage: percentage.default(1).describe('Share of requests traced'),
      })
      .optional()
      .describe('Namespace tracing defaults'),
  })
  .superRefine((policy, ctx) => {
    const step = policy.dataPlane.migrationStep;
    if (policy.dataPlane.mode === 'ambient' && policy.injection.revision && !keepsInjection(policy)) {
      ctx.addIssue({
        code: 'custom',
        path: ['injection', 'revision'],
        message: 'labels the namespace for a sidecar injector revision, and Istio then treats it as a sidecar namespace: leave it out in ambient mode',
      });
    }
    const towards: readonly string[] = policy.dataPlane.mode === 'ambient' ? TO_AMBIENT_STEPS : TO_SIDECAR_STEPS;
    if (step && !towards.includes(step)) {
      ctx.addIssue({
        code: 'custom',
        path: ['dataPlane', 'migrationStep'],
        message: `is a step towards ${policy.dataPlane.mode === 'ambient' ? 'sidecar' : 'ambient'} mode, not ${policy.dataPlane.mode}: ${
          MIGRATION_STEPS[step].title
        }`,
      });
    }
    if (policy.dataPlane.mode === 'ambient' && step && step !== 'stop-injection' && !policy.dataPlane.waypoint) {
      ctx.addIssue({
        code: 'custom',
        path: ['dataPlane', 'waypoint'],
        message: 'is needed by the migration: its first steps deploy the namespace waypoint and point the namespace at it',
      });
    }
    // Back to sidecars, the waypoint is the one being left: kept while injection is restored, removed after.
    if (policy.dataPlane.mode === 'sidecar' && policy.dataPlane.waypoint && !step) {
      ctx.addIssue({ code: 'custom', path: ['dataPlane', 'waypoint'], message: AMBIENT_ONLY });
    }
  })
  .describe('Meshport onboarding for one namespace');

/** @public */
export type NamespacePolicyInput = z.input<typeof namespacePolicySchema>;
/** @public */
export type NamespacePolicy = z.output<typeof namespacePolicySchema>;
