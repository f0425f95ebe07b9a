import { finding } from '../../findings';
import { messageFor } from '../../codes';
import { Analyzer } from '../../types';
import { ALWAYS_IGNORED_ANNOTATIONS, DEPRECATION_NOTES, isIstioAnnotation, ISTIO_ANNOTATIONS } from './registry';
import { ANNOTATION_VALIDATORS } from './validators';

const KINDS = ['Namespace', 'Service', 'Pod', 'Deployment'];

/**
 * IST0108 unknown, IST0135 deprecated, IST0107 misplaced and IST0125 invalid Istio annotations on
 * Namespaces, Services, Pods and Deployments (their own metadata: a pod annotation belongs in the
 * Deployment's pod template).
 */
export const AnnotationAnalyzer: Analyzer = {
  metadata: { name: 'annotations.K8sAnalyzer', description: 'Checks graph Kubernetes annotations', inputs: KINDS },
  analyze({ index, report }) {
    for (const kind of KINDS) {
      for (const object of index.ofKind(kind)) {
        for (const [annotation, value] of Object.entries(object.metadata.annotations ?? {})) {
          if (!isIstioAnnotation(annotation) || ALWAYS_IGNORED_ANNOTATIONS.has(annotation)) continue;
          const path = `metadata.annotations.${annotation}`;
          const definition = ISTIO_ANNOTATIONS[annotation];
          if (!definition) {
            report(finding('IST0108', object, messageFor('IST0108', annotation), path));
            continue;
          }
          const replacedByLabel = annotation === 'sidecar.istio.io/inject' && annotation in (object.metadata.labels ?? {});
          if (definition.deprecated && !replacedByLabel)
            report(finding('IST0135', object, messageFor('IST0135', annotation, DEPRECATION_NOTES[annotation] ?? ''), path));
          if (definition.resources.includes('Any')) continue;
          if (!definition.resources.includes(kind)) {
            report(finding('IST0107', object, messageFor('IST0107', annotation, definition.resources.join(', ')), path));
            continue;
          }
          const problem = ANNOTATION_VALIDATORS[annotation]?.(String(value));
          if (problem) report(finding('IST0125', object, messageFor('IST0125', annotation, problem), path));
        }
      }
    }
  },
};

const CONDITIONALLY_IGNORED = new Set([
  'sidecar.istio.io/interceptionMode',
  'traffic.sidecar.istio.io/includeInboundPorts',
  'traffic.sidecar.istio.io/excludeInboundPorts',
  'traffic.sidecar.istio.io/includeOutboundIPRanges',
]);

/** IST0136: annotations of alpha-phase features. Only upgrade prechecks (`istioctl x precheck`) run it. */
export const AlphaAnnotationAnalyzer: Analyzer = {
  metadata: { name: 'annotations.AlphaAnalyzer', description: 'Checks for alpha Istio annotations in Kubernetes resources', inputs: KINDS },
  precheckOnly: true,
  analyze({ index, report }) {
    for (const kind of KINDS) {
      for (const object of index.ofKind(kind)) {
        // Without istio-init the CNI plugin does the interception, and these annotations are its defaults.
        const cni = kind === 'Pod' && !(object.spec?.initContainers ?? []).some((c: any) => c?.name === 'istio-init');
        for (const annotation of Object.keys(object.metadata.annotations ?? {})) {
          if (!isIstioAnnotation(annotation) || ISTIO_ANNOTATIONS[annotation]?.status !== 'Alpha' || ALWAYS_IGNORED_ANNOTATIONS.has(annotation)) continue;
          if (cni && CONDITIONALLY_IGNORED.has(annotation)) continue;
          report(finding('IST0136', object, messageFor('IST0136', annotation), `metadata.annotations.${annotation}`));
        }
      }
    }
  },
};
