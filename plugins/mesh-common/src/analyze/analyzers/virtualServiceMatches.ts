import { finding } from '../findings';
import { Analyzer } from '../types';

/** IST0131: a route after a catch-all route (one with no match) can never be reached. */
export const VirtualServiceMatchAnalyzer: Analyzer = {
  metadata: {
    name: 'meshport.ShadowedRouteAnalyzer',
    description: 'Finds HTTP routes that an earlier catch-all route shadows',
    inputs: ['VirtualService'],
  },
  analyze({ index, report }) {
    for (const vs of index.ofKind('VirtualService')) {
      const routes: any[] = vs.spec?.http ?? [];
      const catchAll = routes.findIndex(route => !route?.match || route.match.length === 0);
      if (catchAll === -1) continue;
      for (let r = catchAll + 1; r < routes.length; r += 1) {
        report(finding('IST0131', vs, `HTTP route ${r} is never used: route ${catchAll} matches every request first`, `spec.http[${r}]`));
      }
    }
  },
};
