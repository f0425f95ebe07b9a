// The policy's injection section. Sidecar injection: whether, and the proxy's resources and intercepted ports.
import { z } from 'zod';
import { containerResources } from './service';
import { kubernetesLabelValue, portNumber, uniqueList } from '../primitives';

export const injection = z
  .strictObject({
    enabled: z.boolean().default(true).describe('Inject the Envoy sidecar into the pods'),
    revision: kubernetesLabelValue.optional().describe('Istio control plane revision (istio.io/rev); without it the istio-injection label is used'),
    proxyResources: containerResources.optional().describe('Sidecar requests and limits (sidecar.istio.io/proxyCPU and friends)'),
    excludeInboundPorts: uniqueList(portNumber, 32).default([]).describe('Inbound ports the sidecar does not intercept'),
    excludeOutboundPorts: uniqueList(portNumber, 32).default([]).describe('Outbound ports the sidecar does not intercept'),
    holdApplicationUntilProxyStarts: z.boolean().default(true).describe('Start the application only once the proxy is ready'),
  })
  .describe('Sidecar injection');
