// The policy's ingress section. Ingress: hosts, TLS, routes through the ingress gateway.
import { z } from 'zod';
import { dnsLabel, dnsSubdomain, hostName, httpPath, kubernetesLabelKey, kubernetesLabelValue, portNumber, uniqueList } from '../primitives';

export const ingress = z
  .strictObject({
    gatewayName: dnsLabel.optional().describe('Gateway object name; defaults to "<service>-gateway"'),
    gatewaySelector: z.record(kubernetesLabelKey, kubernetesLabelValue).default({ istio: 'ingressgateway' }).describe('Labels of the ingress gateway pods'),
    hosts: uniqueList(hostName, 16).min(1, 'needs at least one host').describe('Public host names'),
    tls: z
      .strictObject({
        credentialName: dnsSubdomain.describe("Secret holding the certificate, in the gateway's namespace"),
        httpsRedirect: z.boolean().default(true).describe('Redirect plain HTTP to HTTPS'),
      })
      .optional()
      .describe('Serve HTTPS'),
    routes: z
      .array(z.strictObject({ pathPrefix: httpPath.describe('Path prefix'), port: portNumber.optional().describe('Service port; defaults to the first') }))
      .max(32)
      .default([{ pathPrefix: '/' }])
      .describe('Paths routed to the service'),
  })
  .describe('Exposure through the ingress gateway');
