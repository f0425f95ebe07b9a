/** The application protocols Istio reads from a port name prefix (or appProtocol). */
const PROTOCOLS = new Set(['tcp', 'udp', 'grpc', 'grpc-web', 'http', 'http_proxy', 'http2', 'https', 'tls', 'mongo', 'redis', 'mysql']);
const APP_PROTOCOL_ALIASES: Record<string, string> = { 'kubernetes.io/h2c': 'http2', 'kubernetes.io/ws': 'http', 'kubernetes.io/wss': 'https' };
const WELL_KNOWN_TCP_PORTS = new Set([25, 53, 3306, 27017]);

/**
 * The protocol Istio infers for a Service port (pkg/config/protocol ConvertProtocol): UDP from the L4
 * protocol, else appProtocol or the name's prefix before "-"; "unsupported" when neither says.
 */
export function servicePortProtocol(port: number, name: string | undefined, l4Protocol: string | undefined, appProtocol: string | undefined): string {
  if (l4Protocol === 'UDP') return 'udp';
  let text = appProtocol ?? name ?? '';
  if (APP_PROTOCOL_ALIASES[text]) return APP_PROTOCOL_ALIASES[text];
  if (text.toLowerCase().startsWith('grpc-web')) return 'grpc-web';
  text = text.split('-')[0].toLowerCase();
  if (PROTOCOLS.has(text)) return text;
  return WELL_KNOWN_TCP_PORTS.has(port) ? 'tcp' : 'unsupported';
}
