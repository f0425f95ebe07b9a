import { FINDING_CODES } from './codes';
import { AnalyzedObject, Finding } from './types';

/** "Kind namespace/name". */
export function resourceName(object: AnalyzedObject): string {
  const { namespace, name } = object.metadata;
  return `${object.kind} ${namespace ? `${namespace}/` : ''}${name}`;
}

/** A finding for an object, its level taken from the code table. */
export function finding(code: keyof typeof FINDING_CODES, object: AnalyzedObject, message: string, path?: string): Finding {
  return { code, level: FINDING_CODES[code].level, resource: resourceName(object), message, ...(path ? { path } : {}) };
}

/** The namespace an object lives in, Kubernetes' default when it names none. */
export function namespaceOf(object: AnalyzedObject): string {
  return object.metadata.namespace ?? 'default';
}
