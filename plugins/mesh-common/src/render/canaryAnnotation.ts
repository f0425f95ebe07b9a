import { MeshPolicy } from '../model';
import { CANARY_ANALYSIS_ANNOTATION } from '../model/canarySteps';

/** The canary's own thresholds, on its route, for the status to judge it by (the portal's defaults otherwise). */
export function canaryAnalysisAnnotation(policy: MeshPolicy): { annotations?: Record<string, string> } {
  const analysis = policy.canary?.analysis;
  return analysis && Object.keys(analysis).length > 0 ? { annotations: { [CANARY_ANALYSIS_ANNOTATION]: JSON.stringify(analysis) } } : {};
}
