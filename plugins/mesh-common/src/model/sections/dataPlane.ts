// The policy's dataPlane section. The data plane: sidecar or ambient, and the waypoint.
import { z } from 'zod';
import { dnsLabel, principal, uniqueList } from '../primitives';

/** How a service's traffic is proxied. */
export const DATA_PLANE_MODES = ['sidecar', 'ambient'] as const;

export const dataPlane = z
  .strictObject({
    mode: z
      .enum(DATA_PLANE_MODES)
      .default('sidecar')
      .describe("sidecar: an Envoy proxy in every pod; ambient: the node's ztunnel (mTLS, L4 policy) and, when a rule needs HTTP, a waypoint proxy"),
    waypoint: dnsLabel
      .optional()
      .describe(
        'Ambient only: the waypoint (a Gateway of class istio-waypoint in the service\'s namespace) that enforces L7 rules; defaults to "<service>-waypoint", rendered with the service',
      ),
    useExistingWaypoint: z.boolean().default(false).describe("Ambient only: the waypoint exists already (the namespace's, say); use it and do not render it"),
    sidecarCallers: uniqueList(principal, 64)
      .default([])
      .describe(
        "Ambient with a waypoint only: principals of callers still on sidecars. A sidecar skips the waypoint and reaches the pods' ztunnel under its own identity, so ztunnel admits these too (Istio's migration guide, bypass prevention); their HTTP rules are not enforced until they move to ambient",
      ),
  })
  .describe('Data plane: a sidecar per pod, or ambient');
