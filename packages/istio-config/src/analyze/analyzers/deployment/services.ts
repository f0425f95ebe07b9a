import { finding, fullName } from '../../findings';
import { deploymentInMesh, GATEWAY_MANAGED_LABEL, WAYPOINT_CONTROLLER } from '../../../istio/meshMembership';
import { selectorMatches } from '../../../istio/selectors';
import { messageFor } from '../../codes';
import { Analyzer, AnalyzedObject } from '../../types';

/** A Service port's targetPort as Kubernetes prints an IntOrString; its port when unset. */
function targetPortOf(port: any): string {
  const target = port?.targetPort;
  return target === undefined || target === null || target === '' || target === 0 ? String(port?.port) : String(target);
}

/**
 * IST0116 for a Deployment in the mesh behind Services that use one port with different protocols, and
 * IST0137 for Services that map different ports onto one target port of it. Waypoints are skipped.
 */
export const DeploymentServicesAnalyzer: Analyzer = {
  metadata: {
    name: 'deployment.MultiServiceAnalyzer',
    description: 'Checks association between services and pods',
    inputs: ['Service', 'Deployment', 'Namespace'],
  },
  analyze({ index, report }) {
    // Services by namespace and selector label, so that each Deployment meets only the Services sharing a label with it.
    const bySelectorLabel = new Map<string, AnalyzedObject[]>();
    for (const service of index.ofKind('Service')) {
      for (const [key, value] of Object.entries<string>(service.spec?.selector ?? {})) {
        const bucket = `${service.metadata.namespace}|${key}=${value}`;
        const services = bySelectorLabel.get(bucket);
        if (services) services.push(service);
        else bySelectorLabel.set(bucket, [service]);
      }
    }
    for (const deployment of index.ofKind('Deployment')) {
      if (deployment.metadata.labels?.[GATEWAY_MANAGED_LABEL] === WAYPOINT_CONTROLLER) continue;
      const namespace = deployment.metadata.namespace!;
      if (!deploymentInMesh(deployment, index.namespace(namespace))) continue;
      const podLabels = deployment.spec?.template?.metadata?.labels ?? {};
      const candidates = new Set(Object.entries<string>(podLabels).flatMap(([key, value]) => bySelectorLabel.get(`${namespace}|${key}=${value}`) ?? []));
      const services = [...candidates].filter(s => selectorMatches(s.spec.selector, podLabels));
      const protocols = new Map<number, Map<string, string[]>>();
      const targets = new Map<string, Map<number, string>>();
      for (const service of services) {
        for (const port of service.spec?.ports ?? []) {
          const byProtocol = protocols.get(port.port) ?? new Map<string, string[]>();
          protocols.set(port.port, byProtocol);
          const protocol = port.protocol || 'TCP';
          byProtocol.set(protocol, [...(byProtocol.get(protocol) ?? []), fullName(service)]);
          const target = targetPortOf(port);
          const byPort = targets.get(target) ?? new Map<number, string>();
          targets.set(target, byPort);
          byPort.set(port.port, fullName(service));
        }
      }
      for (const [port, byProtocol] of protocols) {
        if (byProtocol.size < 2) continue;
        const names = [...byProtocol.values()].flat().sort();
        report(finding('IST0116', deployment, messageFor('IST0116', deployment.metadata.name, port, names), 'metadata.name'));
      }
      for (const [target, byPort] of targets) {
        if (byPort.size < 2) continue;
        const names = [...byPort.values()].sort();
        const ports = [...byPort.keys()].sort((a, b) => a - b);
        report(finding('IST0137', deployment, messageFor('IST0137', deployment.metadata.name, names, target, ports), 'metadata.name'));
      }
    }
  },
};
