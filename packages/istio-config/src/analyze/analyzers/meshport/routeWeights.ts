import { finding } from '../../findings';
import { Analyzer } from '../../types';

/** MP0001: the destination weights of a route must add up to 100. */
export const RouteWeightAnalyzer: Analyzer = {
  metadata: { name: 'meshport.RouteWeightAnalyzer', description: 'Checks that route weights sum to 100', inputs: ['VirtualService'] },
  analyze({ index, report }) {
    for (const vs of index.ofKind('VirtualService')) {
      for (const section of ['http', 'tcp', 'tls'] as const) {
        (vs.spec?.[section] ?? []).forEach((route: any, r: number) => {
          const targets: any[] = route?.route ?? [];
          if (targets.length === 0 || (targets.length === 1 && targets[0]?.weight === undefined)) return;
          const total = targets.reduce((sum, target) => sum + (Number(target?.weight) || 0), 0);
          if (total !== 100) {
            report(finding('MP0001', vs, `The weights of ${section} route ${r} add up to ${total}, not 100`, `spec.${section}[${r}].route`));
          }
        });
      }
    }
  },
};
