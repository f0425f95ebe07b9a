// The policy's mtls section. Mutual TLS: the mode, and per-port overrides.
import { z } from 'zod';
import { portNumber } from '../primitives';

export const mtlsMode = z.enum(['STRICT', 'PERMISSIVE', 'DISABLE']);

export const mtls = z
  .strictObject({
    mode: mtlsMode.default('STRICT').describe('Mutual TLS for traffic into the workload'),
    portOverrides: z
      .array(
        z.strictObject({
          port: portNumber.describe("Workload (container) port: a service port's targetPort, as Istio keys port-level mTLS"),
          mode: mtlsMode.describe('Mode on this port'),
        }),
      )
      .max(32)
      .default([])
      .describe('Per-port modes, e.g. PERMISSIVE on a metrics port'),
  })
  .describe('Mutual TLS (PeerAuthentication)');
