import type { GatewaySpec, IstioObject } from '@meshport/istio-config';
import { MeshPolicy } from '../model';
import { prune } from './kubeObject';
import { ingressGatewayName, managedLabels } from './names';

/** The ingress Gateway: HTTPS with the named certificate, and HTTP that redirects or serves. */
export function renderGateway(policy: MeshPolicy): IstioObject<'Gateway'> | undefined {
  const { ingress } = policy;
  if (!ingress) return undefined;
  const servers: GatewaySpec['servers'] = [];
  if (ingress.tls) {
    servers.push({
      port: { number: 443, name: 'https', protocol: 'HTTPS' },
      hosts: ingress.hosts,
      tls: { mode: 'SIMPLE', credentialName: ingress.tls.credentialName },
    });
  }
  if (!ingress.tls || ingress.tls.httpsRedirect) {
    servers.push({
      port: { number: 80, name: 'http', protocol: 'HTTP' },
      hosts: ingress.hosts,
      tls: ingress.tls?.httpsRedirect ? { httpsRedirect: true } : undefined,
    });
  }
  return prune({
    apiVersion: 'networking.istio.io/v1',
    kind: 'Gateway',
    metadata: { name: ingressGatewayName(policy), namespace: policy.service.namespace, labels: managedLabels({ service: policy.service.name }) },
    spec: { selector: ingress.gatewaySelector, servers },
  });
}
