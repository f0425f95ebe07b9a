import { podLabelsOf, POD_RUNNING_KINDS } from '../../../objects/kinds';
import { AnalyzerContext, AnalyzedObject } from '../../types';
import { selectorMatches } from '../../istio/selectors';

/** A pod or a controller's pod template, with what the checks need. */
export interface WorkloadView {
  object: AnalyzedObject;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  containers: any[];
}

export function workloadView(object: AnalyzedObject): WorkloadView {
  const template = object.kind === 'Pod' ? object : object.spec?.template ?? {};
  return { object, labels: podLabelsOf(object), annotations: template.metadata?.annotations ?? {}, containers: template.spec?.containers ?? [] };
}

/** Every workload (pod or controller) of the input, viewed for the checks. */
export function allWorkloads({ index }: AnalyzerContext): WorkloadView[] {
  return POD_RUNNING_KINDS.flatMap(kind => index.ofKind(kind)).map(workloadView);
}

/** The workloads of a namespace whose pod labels a selector matches (all of them for an empty one). */
export function workloadsMatching({ index }: AnalyzerContext, namespace: string, selector: Record<string, string> | undefined): WorkloadView[] {
  return POD_RUNNING_KINDS.flatMap(kind => index.inNamespace(kind, namespace))
    .map(workloadView)
    .filter(workload => selectorMatches(selector, workload.labels));
}

/** Every port a workload's containers declare, by number and by name. */
export function containerPorts(workload: WorkloadView): Array<{ number: number; name?: string }> {
  return workload.containers.flatMap((container: any) =>
    (container?.ports ?? []).map((port: any) => ({ number: Number(port?.containerPort), name: port?.name })),
  );
}

/** The workload port a Service port sends to: its numeric targetPort, a named port resolved, or the port itself. */
export function targetPortNumber(servicePort: any, workload: WorkloadView): number | undefined {
  const target = servicePort?.targetPort;
  if (target === undefined || target === null || target === '') return Number(servicePort?.port);
  if (typeof target === 'number' || /^\d+$/.test(String(target))) return Number(target);
  return containerPorts(workload).find(port => port.name === target)?.number;
}
