// The policy's traffic section. Traffic policy: load balancing, connection pool, outlier detection, retries, timeouts.
import { z } from 'zod';
import { headerName, istioDuration } from '../primitives';

export const loadBalancer = z
  .discriminatedUnion('type', [
    z.strictObject({ type: z.literal('simple'), algorithm: z.enum(['ROUND_ROBIN', 'LEAST_REQUEST', 'RANDOM', 'PASSTHROUGH']).describe('Algorithm') }),
    z.strictObject({ type: z.literal('consistentHashHeader'), header: headerName.describe('Header to hash on') }),
    z.strictObject({
      type: z.literal('consistentHashCookie'),
      cookie: z
        .string()
        .min(1)
        .max(64, { abort: true })
        .regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, 'must be a cookie name')
        .describe('Cookie to hash on'),
      ttl: istioDuration.optional().describe('Lifetime of a generated cookie'),
    }),
    z.strictObject({ type: z.literal('consistentHashSourceIp') }),
  ])
  .describe('How requests are spread across pods');

export const connectionPool = z
  .strictObject({
    maxConnections: z.number().int().min(1).max(1_000_000).optional().describe('Maximum TCP connections to the service'),
    connectTimeout: istioDuration.optional().describe('TCP connect timeout'),
    http1MaxPendingRequests: z.number().int().min(1).max(1_000_000).optional().describe('Maximum queued requests'),
    http2MaxRequests: z.number().int().min(1).max(1_000_000).optional().describe('Maximum concurrent requests'),
    maxRequestsPerConnection: z.number().int().min(1).max(1_000_000).optional().describe('Requests per connection before it is recycled'),
    maxRetries: z.number().int().min(0).max(1_000_000).optional().describe('Maximum concurrent retries'),
    idleTimeout: istioDuration.optional().describe('Close connections idle this long'),
  })
  .describe('Connection pool limits');

export const outlierDetection = z
  .strictObject({
    consecutive5xxErrors: z.number().int().min(0).max(1000).default(5).describe('Errors in a row before a pod is ejected'),
    interval: istioDuration.default('10s').describe('How often pods are checked'),
    baseEjectionTime: istioDuration.default('30s').describe('Minimum ejection time'),
    maxEjectionPercent: z.number().int().min(0).max(100).default(50).describe('Most pods that may be ejected at once, in percent'),
  })
  .describe('Eject misbehaving pods (circuit breaking)');

export const retries = z
  .strictObject({
    attempts: z.number().int().min(0).max(10).describe('Retries per request'),
    perTryTimeout: istioDuration.optional().describe('Timeout of each try'),
    retryOn: z
      .string()
      .max(256, { abort: true })
      .regex(/^[a-z0-9-]+(,[a-z0-9-]+)*$/, 'must be a comma-separated list of Envoy retry conditions such as "5xx,connect-failure"')
      .optional()
      .describe('Retry conditions'),
  })
  .describe('Retries');

export const traffic = z
  .strictObject({
    loadBalancer: loadBalancer.optional(),
    connectionPool: connectionPool.optional(),
    outlierDetection: outlierDetection.optional(),
    timeout: istioDuration.optional().describe('Request timeout'),
    retries: retries.optional(),
  })
  .describe('Traffic policy (DestinationRule and VirtualService)');
