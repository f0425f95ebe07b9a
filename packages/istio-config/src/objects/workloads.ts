import { AnalyzedObject, podLabelsOf } from './kinds';

/**
 * A pod or a controller's pod template, with what the checks need.
 *
 * @public
 */
export interface WorkloadView {
  object: AnalyzedObject;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  containers: any[];
}

/**
 * A pod, or a controller by its pod template, as the checks and the status read it.
 *
 * @public
 */
export function workloadView(object: AnalyzedObject): WorkloadView {
  const template = object.kind === 'Pod' ? object : object.spec?.template ?? {};
  return { object, labels: podLabelsOf(object), annotations: template.metadata?.annotations ?? {}, containers: template.spec?.containers ?? [] };
}

/**
 * Every port a workload's containers declare, by number and by name.
 *
 * @public
 */
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
