import { POD_RUNNING_KINDS } from '../../../objects/kinds';
import { WorkloadView, workloadView } from '../../../objects/workloads';
import { AnalyzerContext } from '../../types';
import { selectorMatches } from '../../../istio/selectors';

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
