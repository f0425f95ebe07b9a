/** The pod annotations istio-iptables reads to leave inbound ports to the application. */
export const EXCLUDE_INBOUND_PORTS = 'traffic.sidecar.istio.io/excludeInboundPorts';
export const INCLUDE_INBOUND_PORTS = 'traffic.sidecar.istio.io/includeInboundPorts';

/** The port numbers of a comma-separated port annotation ("8080, 9090"); anything else is left out. */
export function annotatedPorts(value: string | undefined): Set<number> {
  return new Set(
    String(value ?? '')
      .split(',')
      .map(part => Number(part.trim()))
      .filter(port => Number.isInteger(port) && port > 0),
  );
}

/**
 * Whether the sidecar leaves an inbound port alone, as istio-iptables reads a pod's annotations: the port
 * is excluded, or an include list other than "*" does not name it. Traffic to it bypasses mTLS and
 * authorization.
 *
 * @public
 */
export function inboundPortBypassed(annotations: Record<string, string> | undefined, port: number): boolean {
  if (annotatedPorts(annotations?.[EXCLUDE_INBOUND_PORTS]).has(port)) return true;
  const included = annotations?.[INCLUDE_INBOUND_PORTS];
  if (included === undefined || included.trim() === '*') return false;
  return !annotatedPorts(included).has(port);
}
