import { z } from 'zod';
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
  .describe('Meshport onboarding for one namespace');

export type NamespacePolicyInput = z.input<typeof namespacePolicySchema>;
export type NamespacePolicy = z.output<typeof namespacePolicySchema>;
