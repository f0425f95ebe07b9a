import { finding, fullName } from '../../findings';
import { selectorString } from '../../../istio/selectors';
import { Analyzer, AnalyzedObject } from '../../types';

/**
 * MP0010: in files alone (no pods to tell which gateways share a workload), Gateways with the same
 * selector claiming one port and host with the same bind: what istioctl reports as IST0145 once the
 * gateway's pods exist. Runs only when the analysis has no cluster.
 */
export const GatewayConflictsInFilesAnalyzer: Analyzer = {
  metadata: {
    name: 'meshport.GatewayConflictsInFilesAnalyzer',
    description: 'Finds Gateways of one selector that claim the same port and host',
    inputs: ['Gateway'],
  },
  filesOnly: true,
  analyze({ index, report }) {
    const claims = new Map<string, AnalyzedObject[]>();
    for (const gateway of index.ofKind('Gateway')) {
      for (const server of gateway.spec?.servers ?? []) {
        for (const host of server?.hosts ?? []) {
          const key = `${selectorString(gateway.spec?.selector)}|${server?.port?.number}|${server?.bind ?? ''}|${host}`;
          const list = claims.get(key) ?? [];
          if (!list.includes(gateway)) list.push(gateway);
          claims.set(key, list);
        }
      }
    }
    for (const [key, gateways] of claims) {
      if (gateways.length < 2) continue;
      const [selector, port, , host] = key.split('|');
      for (const gateway of gateways) {
        const others = gateways
          .filter(other => other !== gateway)
          .map(fullName)
          .join(',');
        report(
          finding(
            'MP0010',
            gateway,
            `Conflict with gateways ${others} (workload selector ${selector}, port ${port}, host ${host}): istioctl reports IST0145 once the gateway's pods run`,
          ),
        );
      }
    }
  },
};
