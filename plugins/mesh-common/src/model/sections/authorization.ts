// The policy's authorization section. Who may call: the allowed principals, namespaces, paths and methods.
import { z } from 'zod';
import { dnsLabel, httpMethod, httpPath, principal, uniqueList } from '../primitives';

/**
 * The principal of Istio's default ingress gateway.
 *
 * @public
 */
export const DEFAULT_INGRESS_GATEWAY_PRINCIPAL = 'cluster.local/ns/istio-system/sa/istio-ingressgateway-service-account';

export const allowRule = z
  .strictObject({
    principals: uniqueList(principal, 64).default([]).describe('Calling workloads, as cluster.local/ns/<ns>/sa/<sa>'),
    namespaces: uniqueList(dnsLabel, 64).default([]).describe('Calling namespaces'),
    methods: uniqueList(httpMethod, 9).default([]).describe('Allowed HTTP methods; empty allows all'),
    paths: uniqueList(httpPath, 64).default([]).describe('Allowed paths; empty allows all; "/api/*" matches a prefix'),
  })
  .refine(rule => rule.principals.length + rule.namespaces.length > 0, {
    message: 'names no caller: give principals or namespaces',
    path: ['principals'],
  })
  .describe('Callers allowed in, and what they may call');

export const authorization = z
  .strictObject({
    denyByDefault: z.boolean().default(true).describe('Deny every request that no rule allows'),
    allow: z.array(allowRule).max(64).default([]).describe('Allowed callers'),
    healthCheckPaths: uniqueList(httpPath, 16).default([]).describe('Paths the ingress gateway may probe'),
    ingressGatewayPrincipal: principal.default(DEFAULT_INGRESS_GATEWAY_PRINCIPAL).describe("The ingress gateway's identity"),
    dryRun: z
      .boolean()
      .default(false)
      .describe(
        'Sidecar mode only: render deny-by-default and the allowed callers with istio.io/dry-run, so that the Mesh tab shows what they would deny before they are enforced',
      ),
  })
  .describe('Service-to-service authorization (AuthorizationPolicy)');
