import { finding } from '../../findings';
import { INJECTION_LABEL, injectorConfigMapName, injectorValues, PROXY_CONTAINER, REVISION_LABEL } from '../../../istio/meshMembership';
import { selectorMatches } from '../../../istio/selectors';
import { messageFor } from '../../codes';
import { parseYaml } from '../../../yaml';
import { Analyzer, AnalyzerContext, AnalyzedObject } from '../../types';

/** The proxy image an injector ConfigMap injects: values.global.proxy.image, with hub and tag unless it names a registry. */
function injectorProxyImage(configMap: AnalyzedObject): string {
  const global = injectorValues(configMap as { data?: Record<string, string> }).global ?? {};
  const image = String(global.proxy?.image ?? '');
  if (image.includes('/')) return image;
  if (typeof global.tag !== 'string' || typeof global.hub !== 'string') return '';
  return `${global.hub}/${image}:${global.tag}`;
}

/** The image type ("distroless", "debug"…) a pod's proxy gets: mesh config, then ProxyConfigs, then its annotation. */
function imageType({ index, mesh }: AnalyzerContext, pod: AnalyzedObject): string {
  let type = mesh.imageType ?? '';
  const namespace = pod.metadata.namespace!;
  const proxyConfigs = index.ofKind('ProxyConfig');
  const typeOf = (config: AnalyzedObject | undefined) => config?.spec?.image?.imageType;
  for (const config of proxyConfigs.filter(c => c.metadata.namespace === mesh.rootNamespace && !c.spec?.selector)) type = typeOf(config) ?? type;
  for (const config of proxyConfigs.filter(c => c.metadata.namespace === namespace && !c.spec?.selector)) type = typeOf(config) ?? type;
  for (const config of proxyConfigs.filter(
    c => c.metadata.namespace === namespace && c.spec?.selector && selectorMatches(c.spec.selector.matchLabels, pod.metadata.labels),
  )) {
    type = typeOf(config) ?? type;
  }
  const annotation = pod.metadata.annotations?.['proxy.istio.io/config'];
  if (annotation) {
    try {
      type = (parseYaml(annotation, 'proxy.istio.io/config')[0] as any)?.image?.imageType ?? type;
    } catch {
      // An unreadable annotation is IST0125's to report.
    }
  }
  return type === 'default' ? '' : type;
}

/** IST0158: pods of injected namespaces whose proxy image is not the one their injector injects now. */
export const ProxyImageAnalyzer: Analyzer = {
  metadata: {
    name: 'injection.ImageAnalyzer',
    description: 'Checks the image of auto-injection configured with the running proxies on pods',
    inputs: ['Namespace', 'Pod'],
    lookups: ['ConfigMap', 'ProxyConfig'],
  },
  analyze(context) {
    const { index, report } = context;
    const images = new Map<string, string>();
    for (const cm of index.ofKind('ConfigMap')) if (cm.metadata.name.startsWith('istio-sidecar-injector')) images.set(cm.metadata.name, injectorProxyImage(cm));
    if (images.size === 0) return;
    const revisionOf = new Map<string, string>();
    for (const namespace of index.ofKind('Namespace')) {
      const labels = namespace.metadata.labels ?? {};
      if (labels[INJECTION_LABEL] === 'enabled' || REVISION_LABEL in labels) revisionOf.set(namespace.metadata.name, labels[REVISION_LABEL] ?? 'default');
    }
    const mismatched = new Map<string, string[]>();
    for (const pod of index.ofKind('Pod')) {
      const namespace = pod.metadata.namespace!;
      const revision = revisionOf.get(namespace);
      if (revision === undefined || pod.metadata.annotations?.['sidecar.istio.io/proxyImage']) continue;
      const expected = images.get(injectorConfigMapName(revision));
      if (expected === undefined) continue;
      const variant = imageType(context, pod);
      for (const container of [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])]) {
        if (container?.name !== PROXY_CONTAINER) continue;
        if (container.image !== expected && container.image !== `${expected}-${variant}`)
          mismatched.set(namespace, [...(mismatched.get(namespace) ?? []), pod.metadata.name]);
      }
    }
    for (const [namespace, pods] of mismatched) {
      const object = index.namespace(namespace);
      if (object) report(finding('IST0158', object, messageFor('IST0158', pods)));
    }
  },
};
