import { finding } from '../../findings';
import { messageFor } from '../../codes';
import { Analyzer } from '../../types';

/**
 * IST0157, after Istio's pkg/config/analysis/analyzers/telemetry/providers.go: when the mesh configuration
 * names no default access log provider (defaultProviders.accessLogging, empty by default), an accessLogging
 * entry of a Telemetry that is not disabled and names no providers is ignored. Only access logging is
 * checked, and provider names are not matched against the mesh's extensionProviders, as in Istio.
 */
export const TelemetryProviderAnalyzer: Analyzer = {
  metadata: {
    name: 'telemetry.ProviderAnalyzer',
    description: 'Validates that providers in telemetry resource is valid',
    inputs: ['Telemetry', 'MeshConfig'],
  },
  analyze({ index, mesh, report }) {
    if ((mesh.defaultAccessLogging ?? []).length > 0) return;
    for (const telemetry of index.ofKind('Telemetry')) {
      const entries: any[] = Array.isArray(telemetry.spec?.accessLogging) ? telemetry.spec.accessLogging : [];
      for (const entry of entries) {
        if (entry?.disabled === true) continue;
        if (!Array.isArray(entry?.providers) || entry.providers.length === 0)
          report(finding('IST0157', telemetry, messageFor('IST0157', telemetry.metadata.name, telemetry.metadata.namespace ?? '')));
      }
    }
  },
};
