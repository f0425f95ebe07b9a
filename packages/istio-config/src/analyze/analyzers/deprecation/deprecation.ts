import { finding } from '../../findings';
import { messageFor } from '../../codes';
import { Analyzer } from '../../types';

/** The custom resource types Istio removed (group, kind): the RBAC API that AuthorizationPolicy replaced. */
const REMOVED_TYPES: ReadonlyArray<[string, string]> = [
  ['rbac.istio.io', 'ClusterRbacConfig'],
  ['rbac.istio.io', 'RbacConfig'],
  ['rbac.istio.io', 'ServiceRole'],
  ['rbac.istio.io', 'ServiceRoleBinding'],
];

/**
 * IST0002, after Istio's pkg/config/analysis/analyzers/deprecation/deprecation.go: a VirtualService route
 * with the integer `fault.delay.percent`, a Sidecar with `outboundTrafficPolicy.egressProxy` (ignored), and
 * a CustomResourceDefinition of a removed type (the rbac.istio.io kinds). Reports carry no path, so that
 * several routes with the deprecated field give one finding, as istioctl's duplicate messages collapse.
 */
export const DeprecationAnalyzer: Analyzer = {
  metadata: {
    name: 'deprecation.DeprecationAnalyzer',
    description: 'Checks for deprecated Istio types and fields',
    inputs: ['VirtualService', 'Sidecar', 'CustomResourceDefinition'],
  },
  analyze({ index, report }) {
    for (const virtualService of index.ofKind('VirtualService')) {
      for (const route of Array.isArray(virtualService.spec?.http) ? virtualService.spec.http : []) {
        if (route?.fault?.delay && Number(route.fault.delay.percent) > 0)
          report(
            finding('IST0002', virtualService, messageFor('IST0002', 'HTTPRoute.fault.delay.percent is deprecated; use HTTPRoute.fault.delay.percentage')),
          );
      }
    }
    for (const sidecar of index.ofKind('Sidecar')) {
      const egressProxy = sidecar.spec?.outboundTrafficPolicy?.egressProxy;
      if (egressProxy !== undefined && egressProxy !== null)
        report(finding('IST0002', sidecar, messageFor('IST0002', 'OutboundTrafficPolicy.EgressProxy ignored')));
    }
    for (const crd of index.ofKind('CustomResourceDefinition')) {
      const group = crd.spec?.group;
      const kind = crd.spec?.names?.kind;
      for (const [removedGroup, removedKind] of REMOVED_TYPES) {
        if (group === removedGroup && kind === removedKind)
          report(finding('IST0002', crd, messageFor('IST0002', `Custom resource type ${removedGroup} ${removedKind} is removed`)));
      }
    }
  },
};
