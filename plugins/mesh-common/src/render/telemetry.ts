import type { IstioObject } from '@meshport/istio-config';
import { MeshPolicy } from '../model';
import { prune } from './kubeObject';
import { policyTarget, serviceMetadata } from './names';

/** The workload's Telemetry: tracing provider, sampling and custom tags. */
export function renderTelemetry(policy: MeshPolicy): IstioObject<'Telemetry'> | undefined {
  const { telemetry } = policy;
  if (!telemetry) return undefined;
  return prune({
    apiVersion: 'telemetry.istio.io/v1',
    kind: 'Telemetry',
    metadata: serviceMetadata(policy),
    spec: {
      ...policyTarget(policy),
      tracing: [
        {
          providers: telemetry.tracingProvider ? [{ name: telemetry.tracingProvider }] : undefined,
          randomSamplingPercentage: telemetry.samplingPercentage,
          customTags: Object.fromEntries(telemetry.customTags.map(tag => [tag.name, { header: { name: tag.header, defaultValue: tag.defaultValue } }])),
        },
      ],
    },
  });
}
