import { finding } from '../../findings';
import { PROXY_CONTAINER } from '../../../istio/meshMembership';
import { labelSelectorMatches } from '../../../labels/labelSelector';
import { messageFor } from '../../codes';
import { Analyzer, AnalyzedObject } from '../../types';

/** An istio-proxy container whose image is the placeholder `auto`, which only injection replaces. */
function hasAutoImage(podSpec: any): boolean {
  return (podSpec?.containers ?? []).some((c: any) => c?.name === PROXY_CONTAINER && c?.image === 'auto');
}

/**
 * IST0147 for every pod still carrying `image: auto` (injection did not happen: it cannot run), IST0146
 * for Deployments with it that no Istio injection webhook (name ending in "istio.io") would select by
 * namespace and pod labels.
 */
export const ImageAutoAnalyzer: Analyzer = {
  metadata: {
    name: 'injection.ImageAutoAnalyzer',
    description: 'Makes sure that Pods and Deployments with `image: auto` are going to be injected',
    inputs: ['Namespace', 'Pod', 'Deployment', 'MutatingWebhookConfiguration'],
  },
  analyze({ index, report }) {
    const webhooks = index
      .ofKind('MutatingWebhookConfiguration')
      .flatMap((configuration: AnalyzedObject) => (configuration as any).webhooks ?? [])
      .filter((webhook: any) => String(webhook?.name ?? '').endsWith('istio.io'));
    for (const pod of index.ofKind('Pod')) {
      if (hasAutoImage(pod.spec)) report(finding('IST0147', pod, messageFor('IST0147', 'Pod', pod.metadata.name)));
    }
    for (const deployment of index.ofKind('Deployment')) {
      const template = deployment.spec?.template;
      if (!hasAutoImage(template?.spec)) continue;
      const namespaceLabels = index.get('Namespace', undefined, deployment.metadata.namespace ?? 'default')?.metadata.labels;
      const selected = webhooks.some(
        (w: any) => labelSelectorMatches(w.namespaceSelector, namespaceLabels) && labelSelectorMatches(w.objectSelector, template?.metadata?.labels),
      );
      if (!selected) report(finding('IST0146', deployment, messageFor('IST0146', 'Deployment', deployment.metadata.name)));
    }
  },
};
