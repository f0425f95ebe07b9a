import { AnalyzedObject } from '../../types';

/**
 * One destination a VirtualService sends traffic to, with istioctl's path to it.
 *
 * @public
 */
export interface VirtualServiceDestination {
  /** "tcp", "tls", "http", "http.mirror" or "http.mirrors". */
  rule: string;
  serviceIndex: number;
  destinationIndex: number;
  destination: any;
}

/** Route destinations in istioctl's order: every tcp route, then tls, then http. */
export function routeDestinations(vs: AnalyzedObject): VirtualServiceDestination[] {
  const out: VirtualServiceDestination[] = [];
  for (const rule of ['tcp', 'tls', 'http']) {
    (vs.spec?.[rule] ?? []).forEach((route: any, serviceIndex: number) => {
      (route?.route ?? []).forEach((target: any, destinationIndex: number) => {
        if (target?.destination) out.push({ rule, serviceIndex, destinationIndex, destination: target.destination });
      });
    });
  }
  return out;
}

/** Mirror destinations: each http route's `mirror`, then its `mirrors`. */
export function mirrorDestinations(vs: AnalyzedObject): VirtualServiceDestination[] {
  const out: VirtualServiceDestination[] = [];
  (vs.spec?.http ?? []).forEach((route: any, serviceIndex: number) => {
    if (route?.mirror) out.push({ rule: 'http.mirror', serviceIndex, destinationIndex: 0, destination: route.mirror });
    (route?.mirrors ?? []).forEach((mirror: any, destinationIndex: number) => {
      if (mirror?.destination) out.push({ rule: 'http.mirrors', serviceIndex, destinationIndex, destination: mirror.destination });
    });
  });
  return out;
}

/** The path istioctl points at for a destination's host (mirrors use the mirror's path, as istioctl does). */
export function destinationHostPath(d: VirtualServiceDestination): string {
  if (d.rule === 'http.mirror' || d.rule === 'http.mirrors') return `spec.http[${d.serviceIndex}].mirror.host`;
  return `spec.${d.rule}[${d.serviceIndex}].route[${d.destinationIndex}].destination.host`;
}
