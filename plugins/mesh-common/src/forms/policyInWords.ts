import type { MeshPolicy } from '../model/policy';
import { callerName } from '../text/callerName';

function list(values: string[]): string {
  return values.length <= 1 ? values.join('') : `${values.slice(0, -1).join(', ')} and ${values[values.length - 1]}`;
}

function dataPlaneInWords(policy: MeshPolicy): string {
  const { service, dataPlane } = policy;
  const ports = service.ports.map(p => `${p.number}${p.name ? ` (${p.name}${p.protocol ? `, ${p.protocol}` : ''})` : ''}`);
  const mesh =
    dataPlane.mode === 'ambient'
      ? `in ambient mode (ztunnel${
          policy.authorization.allow.length > 0 || policy.jwt ? `, and the waypoint ${dataPlane.waypoint ?? `${service.name}-waypoint`} for HTTP rules` : ''
        })`
      : 'with a sidecar in each pod';
  return `Puts ${service.namespace}/${service.name} on the mesh ${mesh}, on port${ports.length === 1 ? '' : 's'} ${list(ports)}.`;
}

function mtlsInWords(policy: MeshPolicy): string {
  const overrides = policy.mtls.portOverrides.map(o => `${o.mode} on port ${o.port}`);
  const modes: Record<string, string> = {
    STRICT: 'Accepts only mutual TLS: callers without a proxy are refused',
    PERMISSIVE: 'Accepts mutual TLS and plain text (PERMISSIVE), while callers move onto the mesh',
    DISABLE: 'Turns mutual TLS off: traffic arrives in plain text',
  };
  return `${modes[policy.mtls.mode]}${overrides.length > 0 ? `; ${list(overrides)}` : ''}.`;
}

function authorizationInWords(policy: MeshPolicy): string {
  const { authorization } = policy;
  const rules = authorization.allow.map(rule => {
    const who = list([...rule.principals.map(p => callerName(p)), ...rule.namespaces.map(ns => `anything in namespace ${ns}`)]);
    const what = `${rule.methods.length > 0 ? list(rule.methods) : 'any method'} on ${rule.paths.length > 0 ? list(rule.paths) : 'any path'}`;
    return `${who} (${what})`;
  });
  const tried = authorization.dryRun ? ' In dry run first: counted on the Mesh tab, not enforced, until the Enforce change.' : '';
  if (!authorization.denyByDefault && rules.length === 0) return `Lets every caller in: no authorization rule.${tried}`;
  const allowed = rules.length > 0 ? `only ${list(rules)} may call` : 'nobody may call';
  const health = authorization.healthCheckPaths.length > 0 ? `; the ingress gateway may probe ${list(authorization.healthCheckPaths)}` : '';
  return `${authorization.denyByDefault ? 'Denies by default' : 'Allows by default'}: ${allowed}${health}.${tried}`;
}

function optionalSentences(policy: MeshPolicy): string[] {
  const sentences: string[] = [];
  if (policy.jwt) {
    const issuers = list(policy.jwt.rules.map(r => r.issuer));
    sentences.push(
      `${policy.jwt.requireToken ? 'Requires' : 'Checks, when present,'} a JSON Web Token from ${issuers}${
        policy.jwt.publicPaths.length > 0 ? `, except on ${list(policy.jwt.publicPaths)}` : ''
      }.`,
    );
  }
  if (policy.canary) {
    const { stableVersion, canaryVersion, canaryWeight, headerMatch } = policy.canary;
    sentences.push(
      `Sends ${canaryWeight}% of requests to ${canaryVersion} and the rest to ${stableVersion}${
        headerMatch ? `; requests with ${headerMatch.name}: ${headerMatch.value} always reach ${canaryVersion}` : ''
      }.`,
    );
  }
  if (policy.ingress) sentences.push(`Publishes it through the ingress gateway on ${list(policy.ingress.hosts)}${policy.ingress.tls ? ' over HTTPS' : ''}.`);
  if (policy.egress?.length) sentences.push(`Declares the external hosts it calls: ${list(policy.egress.flatMap(e => e.hosts))}.`);
  if (policy.scope)
    sentences.push(
      `Limits what its proxies know to its namespace, istio-system and ${
        policy.scope.hosts.length > 0 ? list(policy.scope.hosts) : 'nothing else'
      }: calls elsewhere fail.`,
    );
  if (policy.traffic) {
    const parts = [
      policy.traffic.timeout ? `a ${policy.traffic.timeout} timeout` : undefined,
      policy.traffic.retries ? `${policy.traffic.retries.attempts} retries` : undefined,
      policy.traffic.outlierDetection ? `ejects a pod after ${policy.traffic.outlierDetection.consecutive5xxErrors} errors in a row` : undefined,
      policy.traffic.connectionPool?.maxConnections ? `at most ${policy.traffic.connectionPool.maxConnections} connections` : undefined,
    ].filter((part): part is string => Boolean(part));
    if (parts.length > 0) sentences.push(`Traffic policy: ${list(parts)}.`);
  }
  return sentences;
}

/**
 * What a policy does, in sentences a product engineer reads: the data plane and ports, mutual TLS, who
 * may call, and each optional section it holds. The form's preview opens with them.
 *
 * @public
 */
export function policyInWords(policy: MeshPolicy): string[] {
  return [dataPlaneInWords(policy), mtlsInWords(policy), authorizationInWords(policy), ...optionalSentences(policy)];
}
