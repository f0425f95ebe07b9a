import { isRecord } from '@meshport/istio-config';

/**
 * Drops what a form sends for "not set": undefined, null and empty strings, recursively.
 *
 * @public
 */
export function withoutEmptyValues(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutEmptyValues).filter(item => item !== undefined);
  if (isRecord(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) {
      const cleaned = withoutEmptyValues(child);
      if (cleaned !== undefined) out[key] = cleaned;
    }
    return out;
  }
  return value === null || value === '' ? undefined : value;
}

/**
 * An egress entry as a form gives it: TLS origination without a port means none, and the egress gateway is
 * a checkbox (true: the mesh's default gateway; false: none), as a form cannot leave a block out.
 */
function egressFromForm(entry: unknown): unknown {
  if (!isRecord(entry)) return entry;
  const { tlsOrigination, egressGateway, ...rest } = entry;
  const gateway = egressGateway === true ? {} : egressGateway;
  return {
    ...rest,
    ...(isRecord(tlsOrigination) && tlsOrigination.port !== undefined ? { tlsOrigination } : {}),
    ...(isRecord(gateway) ? { egressGateway: gateway } : {}),
  };
}

/**
 * A form's policy sections as the model reads them. Empty fields are "not set", and an ingress TLS block
 * without a certificate means plain HTTP: a form cannot leave a whole block out, only its fields. In
 * ambient mode the sidecar's resources and scope are dropped: the form hides those fields then, but keeps
 * the values (their defaults among them) they held in sidecar mode.
 *
 * @public
 */
export function policyFromForm(sections: Record<string, unknown>): Record<string, unknown> {
  const cleaned = withoutEmptyValues(sections) as Record<string, unknown>;
  if (isRecord(cleaned.dataPlane) && cleaned.dataPlane.mode === 'ambient') {
    delete cleaned.scope;
    if (isRecord(cleaned.injection)) {
      const { proxyResources: _hidden, ...injection } = cleaned.injection;
      cleaned.injection = injection;
    }
  }
  if (Array.isArray(cleaned.egress)) cleaned.egress = cleaned.egress.map(egressFromForm);
  const ingress = cleaned.ingress;
  if (isRecord(ingress) && isRecord(ingress.tls) && ingress.tls.credentialName === undefined) {
    const { tls: _plainHttp, ...rest } = ingress;
    cleaned.ingress = rest;
  }
  return cleaned;
}
