import { finding } from '../../findings';
import { annotatedPorts, EXCLUDE_INBOUND_PORTS } from '../../../istio/interception';
import { selectorMatches } from '../../../istio/selectors';
import { Analyzer } from '../../types';
import { targetPortNumber } from '../../../objects/workloads';
import { allWorkloads } from './workloads';

/**
 * MP0009: a workload port excluded from the sidecar's inbound capture while a Service sends traffic to
 * it: that traffic bypasses mTLS and every AuthorizationPolicy.
 */
export const ExcludedTargetPortAnalyzer: Analyzer = {
  metadata: {
    name: 'meshport.ExcludedTargetPortAnalyzer',
    description: 'Finds Service target ports the sidecar does not intercept',
    inputs: ['Service', 'Deployment'],
  },
  analyze(context) {
    // Few workloads exclude ports: start from them, then the Services of their namespace that select them.
    for (const workload of allWorkloads(context)) {
      const excluded = annotatedPorts(workload.annotations[EXCLUDE_INBOUND_PORTS]);
      if (excluded.size === 0) continue;
      for (const service of context.index.inNamespace('Service', workload.object.metadata.namespace!)) {
        const selector = service.spec?.selector;
        if (!selector || Object.keys(selector).length === 0 || !selectorMatches(selector, workload.labels)) continue;
        (service.spec?.ports ?? []).forEach((port: any, i: number) => {
          const target = targetPortNumber(port, workload);
          if (target === undefined || !excluded.has(target)) return;
          context.report(
            finding(
              'MP0009',
              workload.object,
              `Port ${target} is excluded from the sidecar (${EXCLUDE_INBOUND_PORTS}) but Service ${service.metadata.name} sends traffic to it (spec.ports[${i}]): that traffic bypasses mTLS and authorization`,
              `metadata.annotations.${EXCLUDE_INBOUND_PORTS}`,
            ),
          );
        });
      }
    }
  },
};
