// The policy's service section. The service: its name, namespace, ports and workload.
import { WORKLOAD_KINDS } from '@meshport/istio-config';
import { z } from 'zod';
import { dnsLabel, dnsSubdomain, kubernetesLabelValue, portNumber, resourceQuantity } from '../primitives';

export const servicePort = z
  .strictObject({
    number: portNumber.describe('Port the Kubernetes Service exposes'),
    targetPort: portNumber.optional().describe("Port the pods serve it on (the Service's targetPort); defaults to number"),
    name: dnsLabel.optional().describe('Port name; Istio reads the protocol from a prefix such as "http-"'),
    protocol: z.enum(['HTTP', 'HTTP2', 'GRPC', 'TCP', 'TLS', 'HTTPS']).default('HTTP').describe('Application protocol'),
  })
  .describe('A port of the Kubernetes Service');

export const containerResources = z
  .strictObject({
    cpuRequest: resourceQuantity.optional().describe('CPU request, e.g. "250m"'),
    cpuLimit: resourceQuantity.optional().describe('CPU limit, e.g. "1"'),
    memoryRequest: resourceQuantity.optional().describe('Memory request, e.g. "256Mi"'),
    memoryLimit: resourceQuantity.optional().describe('Memory limit, e.g. "512Mi"'),
  })
  .describe('Container resource requests and limits');

export const service = z
  .strictObject({
    name: dnsLabel.describe('Kubernetes Service and Deployment name'),
    namespace: dnsLabel.describe('Kubernetes namespace'),
    serviceAccount: dnsSubdomain.optional().describe('Service account the pods run as; defaults to the service name'),
    workloadKind: z
      .enum(WORKLOAD_KINDS)
      .default('Deployment')
      .describe('The controller of the pods, whose pod template gets the sidecar settings (Rollout: Argo Rollouts)'),
    workloadName: dnsSubdomain.optional().describe('Name of that controller; defaults to the service name'),
    ports: z.array(servicePort).min(1, 'needs at least one port').max(32).describe('Service ports'),
    appLabel: kubernetesLabelValue.optional().describe('Value of the pods\' "app" label; defaults to the service name'),
    versionLabel: kubernetesLabelValue.optional().describe('Value of the pods\' "version" label'),
    replicas: z.number().int().min(1).max(10_000).default(1).describe('Pod count, for cost estimates'),
    appResources: containerResources.optional().describe("The application containers' requests and limits per pod, for cost estimates"),
  })
  .describe('The service to put on the mesh');
