import { AnalyzedObject } from '@meshport/istio-config';

/** True when the pod's Ready condition is True. */
export function podReady(pod: AnalyzedObject): boolean {
  const conditions: any[] = (pod as any).status?.conditions ?? [];
  return conditions.some(c => c?.type === 'Ready' && c?.status === 'True');
}
