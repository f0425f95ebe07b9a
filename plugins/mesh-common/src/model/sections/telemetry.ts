// The policy's telemetry section. Telemetry: access logs, tracing and custom tags.
import { z } from 'zod';
import { dnsSubdomain, headerName, matchValue, percentage } from '../primitives';

export const customTag = z.strictObject({
  name: z
    .string()
    .min(1)
    .max(64, { abort: true })
    .regex(/^[A-Za-z0-9_.-]+$/, 'must be letters, digits and _.-')
    .describe('Tag name on spans'),
  header: headerName.describe('Request header to copy'),
  defaultValue: matchValue.optional().describe('Value when the header is missing'),
});

export const telemetry = z
  .strictObject({
    tracingProvider: dnsSubdomain.optional().describe('Tracing provider from the mesh config; default is the mesh default'),
    samplingPercentage: percentage.default(1).describe('Share of requests traced'),
    customTags: z.array(customTag).max(16).default([]).describe('Span tags taken from request headers'),
  })
  .describe('Tracing (Telemetry)');
