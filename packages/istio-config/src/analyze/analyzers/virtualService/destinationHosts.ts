import { finding } from '../../findings';
import { destinationService, MeshService } from '../../../istio/serviceLookup';
import { messageFor } from '../../codes';
import { Analyzer, AnalyzerContext, AnalyzedObject } from '../../types';
import { destinationHostPath, mirrorDestinations, VirtualServiceDestination, routeDestinations } from './destinations';

function checkPort({ report }: AnalyzerContext, vs: AnalyzedObject, d: VirtualServiceDestination, service: MeshService) {
  const host = String(d.destination.host ?? '');
  const port = d.destination.port?.number;
  const path = d.rule === 'http.mirror' ? destinationHostPath(d) : `spec.${d.rule}[${d.serviceIndex}].route[${d.destinationIndex}].destination.host`;
  if (port === undefined) {
    if (service.ports.length > 1)
      report(
        finding(
          'IST0112',
          vs,
          messageFor(
            'IST0112',
            host,
            service.ports.map(p => p.number),
          ),
          path,
        ),
      );
    return;
  }
  if (!service.ports.some(p => p.number === port)) {
    report(finding('IST0101', vs, messageFor('IST0101', 'host:port', `${host}:${port}`), path));
  }
}

/** IST0101 (host, mirror host, host:port) and IST0112: every destination reaches a service, on one of its ports. */
export const DestinationHostAnalyzer: Analyzer = {
  metadata: {
    name: 'virtualservice.DestinationHostAnalyzer',
    description: 'Checks the destination hosts associated with each virtual service',
    inputs: ['ServiceEntry', 'VirtualService', 'Service'],
  },
  analyze(context) {
    const { index, mesh, report } = context;
    const services = index.serviceHosts();
    for (const vs of index.ofKind('VirtualService')) {
      const namespace = vs.metadata.namespace!;
      for (const [destinations, refType] of [
        [routeDestinations(vs), 'host'],
        [mirrorDestinations(vs), 'mirror host'],
      ] as const) {
        for (const d of destinations) {
          const host = String(d.destination.host ?? '');
          const service = destinationService(namespace, vs.spec?.exportTo, host, services, mesh.clusterDomain);
          if (!service) {
            report(finding('IST0101', vs, messageFor('IST0101', refType, host), destinationHostPath(d)));
            continue;
          }
          checkPort(context, vs, d, service);
        }
      }
    }
  },
};
