/** A host as observed in `destination_service`, normalised. */
export interface ObservedHost {
  /** Lower-case, without a trailing dot or port; IPv6 without brackets. */
  readonly host: string;
  /** Port carried explicitly (`h:8080`), if any. */
  readonly port?: number;
  /** The host is an IP literal. */
  readonly ip: boolean;
}

const IPV4 = /^(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const PORT = /^[0-9]{1,5}$/;

/** A plain lower-case DNS name: no port, brackets, upper case or trailing dot (the common case, parsed without regexes). */
const PLAIN_NAME = /^[a-z_-][a-z0-9_.-]*[a-z0-9_-]$/;

function toPort(text: string): number | undefined {
  if (!PORT.test(text)) return undefined;
  const n = Number(text);
  return n >= 1 && n <= 65535 ? n : undefined;
}

function looksLikeIpv6(text: string): boolean {
  // At least two colons: "10.0.0.1:443" is IPv4 with a port, "::1" and "2001:db8::1" are IPv6.
  return (text.match(/:/g) ?? []).length >= 2 && /^[0-9a-f:.]+$/i.test(text);
}

/**
 * Parses a `destination_service` value. For HTTP passthrough and blackhole it is
 * the Host header as the application sent it, so it may carry a port
 * (`h:8080`), be an IP (`10.0.0.1:80`, `[2001:db8::1]:443`) or be anything at
 * all: the value is kept as data, never interpreted. Returns null for Istio's
 * "unknown" (TLS/TCP passthrough carries no host) and for empty values.
 */
export function parseObservedHost(raw: string): ObservedHost | null {
  if (PLAIN_NAME.test(raw) && raw !== 'unknown') return { host: raw, ip: false };
  let text = raw.trim();
  if (text === '' || text === 'unknown') return null;
  let port: number | undefined;

  const bracketed = /^\[([^\]]+)\](?::([0-9]+))?$/.exec(text);
  // Only an IPv6 literal is bracketed; "[5m]" stays as it is (a host no ServiceEntry can take).
  if (bracketed?.[1] !== undefined && looksLikeIpv6(bracketed[1])) {
    text = bracketed[1];
    port = bracketed[2] !== undefined ? toPort(bracketed[2]) : undefined;
  } else if (!looksLikeIpv6(text)) {
    const colon = text.lastIndexOf(':');
    const maybePort = colon > 0 ? toPort(text.slice(colon + 1)) : undefined;
    if (maybePort !== undefined) {
      port = maybePort;
      text = text.slice(0, colon);
    }
  }

  const host = text.toLowerCase().replace(/\.$/, '');
  if (host === '') return null;
  const ip = IPV4.test(host) || looksLikeIpv6(host);
  return port === undefined ? { host, ip } : { host, port, ip };
}
