import { finding, selectorNotFound } from '../../findings';
import { messageFor } from '../../codes';
import { Analyzer, AnalyzedObject } from '../../types';

/** IST0101 for a Telemetry selecting no pod of its namespace, IST0159 for pods several Telemetries select. */
export const TelemetrySelectorAnalyzer: Analyzer = {
  metadata: {
    name: 'telemetry.SelectorAnalyzer',
    description: 'Validates that telemetries that define a selector match at least one pod, and that multiple telemetries do not match the same pod',
    inputs: ['Telemetry', 'Pod'],
  },
  analyze({ index, report }) {
    const byPod = new Map<AnalyzedObject, AnalyzedObject[]>();
    for (const telemetry of index.ofKind('Telemetry')) {
      const labels: Record<string, string> = telemetry.spec?.selector?.matchLabels ?? {};
      if (Object.keys(labels).length === 0) continue;
      const pods = index.podsMatching(labels, telemetry.metadata.namespace!);
      if (pods.length === 0) report(selectorNotFound(telemetry, labels, 'spec.selector.matchLabels'));
      for (const pod of pods) byPod.set(pod, [...(byPod.get(pod) ?? []), telemetry]);
    }
    for (const [pod, telemetries] of byPod) {
      if (telemetries.length < 2) continue;
      const names = telemetries.map(t => t.metadata.name).sort();
      for (const telemetry of telemetries)
        report(finding('IST0159', telemetry, messageFor('IST0159', names, pod.metadata.namespace!, pod.metadata.name), 'metadata.name'));
    }
  },
};

/** IST0160: several Telemetries of a namespace without a selector. */
export const TelemetryDefaultSelectorAnalyzer: Analyzer = {
  metadata: {
    name: 'telemetry.DefaultSelectorAnalyzer',
    description: 'Validates that there are no namespaces with multiple telemetry resources without a selector',
    inputs: ['Telemetry'],
  },
  analyze({ index, report }) {
    const byNamespace = new Map<string, AnalyzedObject[]>();
    for (const telemetry of index.ofKind('Telemetry')) {
      if (telemetry.spec?.selector !== undefined && telemetry.spec?.selector !== null) continue;
      const namespace = telemetry.metadata.namespace!;
      byNamespace.set(namespace, [...(byNamespace.get(namespace) ?? []), telemetry]);
    }
    for (const [namespace, telemetries] of byNamespace) {
      if (telemetries.length < 2) continue;
      const names = telemetries.map(t => t.metadata.name).sort();
      for (const telemetry of telemetries) report(finding('IST0160', telemetry, messageFor('IST0160', names, namespace)));
    }
  },
};
