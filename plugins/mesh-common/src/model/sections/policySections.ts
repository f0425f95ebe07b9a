// The policy's sections as the rules across sections read them, without the whole policy's schema (which
// is built from those rules and so cannot be imported by them).
import type { z } from 'zod';
import type { authorization } from './authorization';
import type { canary } from './canary';
import type { dataPlane } from './dataPlane';
import type { ingress } from './ingress';
import type { injection } from './injection';
import type { jwt } from './jwt';
import type { mtls } from './mtls';
import type { scope } from './scope';
import type { service } from './service';
import type { telemetry } from './telemetry';
import type { traffic } from './traffic';

export interface PolicySections {
  service: z.output<typeof service>;
  dataPlane: z.output<typeof dataPlane>;
  injection: z.output<typeof injection>;
  mtls: z.output<typeof mtls>;
  authorization: z.output<typeof authorization>;
  jwt?: z.output<typeof jwt>;
  traffic?: z.output<typeof traffic>;
  canary?: z.output<typeof canary>;
  ingress?: z.output<typeof ingress>;
  telemetry?: z.output<typeof telemetry>;
  scope?: z.output<typeof scope>;
}
