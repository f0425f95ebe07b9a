import { AnalyzedObject } from '../objects/kinds';
import { parseYaml } from '../yaml';

/**
 * The mesh's outboundTrafficPolicy mode from the root namespace's "istio" ConfigMap (ALLOW_ANY when it sets none); undefined when unreadable.
 *
 * @public
 */
export function outboundPolicyOf(configMap: AnalyzedObject | undefined): string | undefined {
  const text = (configMap as { data?: Record<string, string> } | undefined)?.data?.mesh;
  if (typeof text !== 'string') return undefined;
  try {
    const mesh = parseYaml(text, 'mesh config')[0] as { outboundTrafficPolicy?: { mode?: string } } | undefined;
    return mesh?.outboundTrafficPolicy?.mode ?? 'ALLOW_ANY';
  } catch {
    return undefined;
  }
}
