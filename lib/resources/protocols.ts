/** ServiceEntry port protocols (facts §5) and the port names derived from them. */

/** Protocols Istio accepts on a ServiceEntry port, in canonical case; matching is case-insensitive. Empty = sniffing. */
export const KNOWN_PROTOCOLS: readonly string[] = ['HTTP', 'HTTPS', 'HTTP2', 'GRPC', 'GRPC-Web', 'TLS', 'TCP', 'Mongo', 'Redis', 'MySQL', 'UDP', 'HTTP_PROXY'];
/** Protocols on which Istio sees HTTP requests (Host header routing). */
const HTTP_FAMILY = new Set(['HTTP', 'HTTP2', 'GRPC', 'GRPC-WEB', 'HTTP_PROXY']);
/** Protocols routed on SNI without terminating TLS. */
const TLS_FAMILY = new Set(['HTTPS', 'TLS']);
/** The only protocols DYNAMIC_DNS supports (facts §5). */
export const DYNAMIC_DNS_PROTOCOLS: readonly string[] = ['HTTP', 'TLS', 'GRPC', 'HTTP2'];

/** The canonical spelling of a known protocol, or null. */
export function canonicalProtocol(protocol: string): string | null {
  return KNOWN_PROTOCOLS.find((p) => p.toUpperCase() === protocol.toUpperCase()) ?? null;
}

/** HTTP, HTTP2, GRPC, GRPC-Web or HTTP_PROXY (any case). */
export function isHttpFamily(protocol: string | undefined): boolean {
  return protocol !== undefined && HTTP_FAMILY.has(protocol.toUpperCase());
}

/** HTTPS or TLS (any case). */
export function isTlsFamily(protocol: string | undefined): boolean {
  return protocol !== undefined && TLS_FAMILY.has(protocol.toUpperCase());
}

/** A port Istio routes on the destination address only: TCP-family, or no protocol (sniffing may fall back to TCP). */
export function isAddressRouted(protocol: string | undefined): boolean {
  return !isHttpFamily(protocol) && !isTlsFamily(protocol);
}

const WELL_KNOWN: Readonly<Record<string, number>> = { http: 80, http2: 80, grpc: 80, https: 443, tls: 443 };

/** A port name for a protocol and number: `http` on 80, `http-8080`, `tls` on 443, `tcp-5432` (always numbered). */
export function defaultPortName(protocol: string, number: number): string {
  const base = protocol.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'port';
  return WELL_KNOWN[base] === number ? base : `${base}-${number}`;
}
