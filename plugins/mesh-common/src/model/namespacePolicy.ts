import { z } from 'zod';
import { AMBIENT_ONLY } from './dataPlane';
import { DATA_PLANE_MODES } from './policy';
import { dnsLabel, dnsSubdomain, kubernetesLabelValue, percentage } from './primitives';

/** Mesh defaults for a whole namespace: the entry point a platform team uses before services onboard. */
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
        mode: z.enum(DATA_PLANE_MODES).default('sidecar').describe('sidecar: inject a proxy into every new pod; ambient: enroll every pod with the node\'s ztunnel'),
        waypoint: z.boolean().default(false).describe('Ambient only: a waypoint named "waypoint" for the whole namespace, enforcing L7 rules of every service'),
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
    if (policy.dataPlane.mode === 'ambient' && policy.injection.revision) {
      ctx.addIssue({ code: 'custom', path: ['injection', 'revision'], message: 'labels the namespace for a sidecar injector revision, and Istio then treats it as a sidecar namespace: leave it out in ambient mode' });
    }
    if (policy.dataPlane.mode === 'sidecar' && policy.dataPlane.waypoint) {
      ctx.addIssue({ code: 'custom', path: ['dataPlane', 'waypoint'], message: AMBIENT_ONLY });
    }
  })
  .describe('Meshport onboarding for one namespace');

export type NamespacePolicyInput = z.input<typeof namespacePolicySchema>;
export type NamespacePolicy = z.output<typeof namespacePolicySchema>;
