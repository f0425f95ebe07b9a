import { finding } from '../../findings';
import { messageFor } from '../../codes';
import { Analyzer, AnalyzedObject, Finding } from '../../types';

/** The applyTo values whose objects ADD and REMOVE leave alone. */
const ADD_REMOVE_IGNORED = new Set(['ROUTE_CONFIGURATION', 'HTTP_ROUTE']);
/** The applyTo values REPLACE works on. */
const REPLACEABLE = new Set(['NETWORK_FILTER', 'HTTP_FILTER', 'VIRTUAL_HOST']);

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A serialization of a JSON value with sorted keys, so that equal values compare equal. */
function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  if (isObject(value))
    return `{${Object.keys(value)
      .sort()
      .map(key => `${JSON.stringify(key)}:${stable(value[key])}`)
      .join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}

/**
 * What Istio compares patches by: the patch value's `name` (Go takes the protobuf text of the value, so
 * this is a serialization that never equals a plain filter name), else the listener filter the patch
 * matches; "" without a value.
 */
function instanceNameOf(configPatch: any): string {
  const value = configPatch.patch.value;
  if (!isObject(value)) return '';
  if (Object.hasOwn(value, 'name')) return `value:${stable(value.name)}`;
  const filterName = configPatch.match?.listener?.filterChain?.filter?.name;
  return typeof filterName === 'string' ? filterName : '';
}

/**
 * IST0151 to IST0155, after Istio's pkg/config/analysis/analyzers/envoyfilter/envoyfilter.go. ADD on a
 * ROUTE_CONFIGURATION or HTTP_ROUTE is ignored (IST0153), as is REMOVE there (IST0154); REPLACE works only
 * on HTTP_FILTER, NETWORK_FILTER and VIRTUAL_HOST (IST0152). A relative patch (INSERT_BEFORE, INSERT_AFTER,
 * and the REMOVE and REPLACE not reported) in an EnvoyFilter without a priority gives IST0151, or IST0155
 * when an earlier patch with a proxyVersion match (of this EnvoyFilter or one before it, in the order the
 * index lists them) had the same name. A patch without `patch` ends the EnvoyFilter's checks.
 */
export const EnvoyFilterAnalyzer: Analyzer = {
  metadata: { name: 'envoyfilter.EnvoyPatchAnalyzer', description: 'Checks an envoyFilters ', inputs: ['EnvoyFilter'] },
  analyze({ index, report }) {
    const proxyVersionNames: string[] = [];
    for (const envoyFilter of index.ofKind('EnvoyFilter')) {
      const priority = Number(envoyFilter.spec?.priority ?? 0);
      const configPatches: any[] = Array.isArray(envoyFilter.spec?.configPatches) ? envoyFilter.spec.configPatches : [];
      for (const configPatch of configPatches) {
        if (configPatch?.patch === undefined || configPatch?.patch === null) break;
        const instanceName = instanceNameOf(configPatch);
        const applyTo = configPatch.applyTo;
        const relative = () => {
          if (priority !== 0) return;
          report(relativeOperationFinding(envoyFilter, proxyVersionNames.includes(instanceName)));
        };
        switch (configPatch.patch.operation) {
          case 'ADD':
            if (ADD_REMOVE_IGNORED.has(applyTo)) report(finding('IST0153', envoyFilter, messageFor('IST0153')));
            break;
          case 'REMOVE':
            if (ADD_REMOVE_IGNORED.has(applyTo)) report(finding('IST0154', envoyFilter, messageFor('IST0154')));
            else relative();
            break;
          case 'REPLACE':
            if (!REPLACEABLE.has(applyTo)) report(finding('IST0152', envoyFilter, messageFor('IST0152')));
            else relative();
            break;
          case 'INSERT_BEFORE':
          case 'INSERT_AFTER':
            relative();
            break;
          default:
        }
        const proxyVersion = configPatch.match?.proxy?.proxyVersion;
        if (typeof proxyVersion === 'string' && proxyVersion !== '') proxyVersionNames.push(instanceName);
      }
    }
  },
};

/** IST0155 when the patch's name was seen with a proxyVersion match, else IST0151. */
function relativeOperationFinding(envoyFilter: AnalyzedObject, withProxyVersion: boolean): Finding {
  return withProxyVersion ? finding('IST0155', envoyFilter, messageFor('IST0155')) : finding('IST0151', envoyFilter, messageFor('IST0151'));
}
