import { dnsLabel, formatFieldErrors } from '@meshport/plugin-mesh-common';
import { InputError } from '@backstage/errors';

/**
 * The branch a service's (or a namespace's) mesh changes accumulate on until they are merged.
 *
 * @public
 */
export function changeBranchName(names: { namespace: string; service?: string }, fields = { namespace: 'namespace', service: 'service' }): string {
  const errors = [
    ...(dnsLabel.safeParse(names.namespace).success ? [] : [{ field: fields.namespace, message: 'must be a Kubernetes namespace name (DNS label)' }]),
    ...(names.service === undefined || dnsLabel.safeParse(names.service).success
      ? []
      : [{ field: fields.service, message: 'must be a Kubernetes service name (DNS label)' }]),
  ];
  if (errors.length > 0) throw new InputError(formatFieldErrors(errors));
  return `meshport/${names.namespace}/${names.service ?? '_namespace'}`;
}
