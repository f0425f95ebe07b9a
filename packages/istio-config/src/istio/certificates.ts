// Just enough of X.509 to tell whether a gateway's certificate is well-formed and current, in the
// browser and in Node alike (no crypto module): PEM → DER → each certificate's validity period.

function base64Bytes(text: string): Uint8Array | undefined {
  try {
    const binary = atob(text.replace(/\s+/g, ''));
    return Uint8Array.from(binary, character => character.charCodeAt(0));
  } catch {
    return undefined;
  }
}

interface Tlv {
  tag: number;
  start: number;
  end: number;
}

function readTlv(bytes: Uint8Array, position: number, limit = bytes.length): Tlv | undefined {
  if (position + 2 > limit) return undefined;
  const tag = bytes[position];
  let length = bytes[position + 1];
  let start = position + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 4 || start + count > limit) return undefined;
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + bytes[start + i];
    start += count;
  }
  return start + length > limit ? undefined : { tag, start, end: start + length };
}

function parseTime(tlv: Tlv, bytes: Uint8Array): number | undefined {
  const text = String.fromCharCode(...bytes.subarray(tlv.start, tlv.end));
  const match = tlv.tag === 0x17 ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text) : /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (!match || (tlv.tag !== 0x17 && tlv.tag !== 0x18)) return undefined;
  let year = Number(match[1]);
  if (tlv.tag === 0x17) year += year < 50 ? 2000 : 1900;
  return Date.UTC(year, Number(match[2]) - 1, Number(match[3]), Number(match[4]), Number(match[5]), Number(match[6]));
}

/** The validity periods of the certificates in DER bytes (several may follow each other); undefined if any is malformed. */
function validityPeriods(der: Uint8Array): Array<{ notBefore: number; notAfter: number }> | undefined {
  const periods: Array<{ notBefore: number; notAfter: number }> = [];
  let position = 0;
  while (position < der.length) {
    const certificate = readTlv(der, position);
    if (!certificate || certificate.tag !== 0x30) return undefined;
    const tbs = readTlv(der, certificate.start, certificate.end);
    if (!tbs || tbs.tag !== 0x30) return undefined;
    let field = readTlv(der, tbs.start, tbs.end);
    if (field?.tag === 0xa0) field = readTlv(der, field.end, tbs.end);
    // serialNumber, signature algorithm, issuer, then validity.
    for (let skip = 0; skip < 3 && field; skip++) field = readTlv(der, field.end, tbs.end);
    if (!field || field.tag !== 0x30) return undefined;
    const notBeforeTlv = readTlv(der, field.start, field.end);
    const notAfterTlv = notBeforeTlv && readTlv(der, notBeforeTlv.end, field.end);
    const notBefore = notBeforeTlv && parseTime(notBeforeTlv, der);
    const notAfter = notAfterTlv && parseTime(notAfterTlv, der);
    if (notBefore === undefined || notAfter === undefined) return undefined;
    periods.push({ notBefore, notAfter });
    position = certificate.end;
  }
  return periods.length > 0 ? periods : undefined;
}

/**
 * Whether a Secret holds what a gateway needs, as istioctl judges it: a certificate and key ("cert"/"key"
 * or "tls.crt"/"tls.key" in `data`), the first PEM block holding certificates valid at `now`.
 */
export function gatewaySecretIsValid(secret: { data?: Record<string, string> }, now: number): boolean {
  const data = secret.data ?? {};
  const pair = [
    ['cert', 'key'],
    ['tls.crt', 'tls.key'],
  ].find(([cert, key]) => data[cert] && data[key]);
  const pem = pair ? data[pair[0]] : undefined;
  const pemBytes = pem ? base64Bytes(pem) : undefined;
  if (!pemBytes) return false;
  const block = /-----BEGIN [A-Z0-9 ]+-----([\s\S]*?)-----END [A-Z0-9 ]+-----/.exec(String.fromCharCode(...pemBytes));
  const der = block ? base64Bytes(block[1]) : undefined;
  const periods = der && validityPeriods(der);
  return Boolean(periods) && periods!.every(period => now >= period.notBefore && now <= period.notAfter);
}
