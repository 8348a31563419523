/**
 * The one normalisation of observed hosts (`destination_service` of HTTP
 * passthrough, blackhole and ServiceEntry series) and its inverse as a
 * Prometheus regex: the flows report `parseObservedHost(v).host`, and a chart
 * of that host selects `destination_service=~observedHostPattern(host)`, which
 * matches exactly the raw values that normalise to it. Both are here so that
 * they cannot drift apart.
 */
import { isIp } from '../resources/net';

/** A host as observed in `destination_service`, normalised. */
export interface ObservedHost {
  /** ASCII lower-case, without surrounding whitespace, one trailing dot or port; IPv6 without brackets. */
  readonly host: string;
  /** Port carried explicitly (`h:8080`), if any. */
  readonly port?: number;
  /** The host is an IP literal. */
  readonly ip: boolean;
}

/**
 * Longest `host` the app takes (to chart, in a promote request, in a review
 * link or a graph selection), in characters: the one host-length limit. An
 * observed host is a Host header, and the longest one a mesh passes is
 * Envoy's default request-header limit, which Istio's sidecars, waypoints and
 * gateways keep: `max_request_headers_kb` = 60 KiB
 * (https://www.envoyproxy.io/docs/envoy/latest/api-v3/extensions/filters/network/http_connection_manager/v3/http_connection_manager.proto).
 * So every host the metrics can hold is taken as data and, if it cannot be
 * registered, refused for what it is rather than for its length. A URL
 * carrying one is another matter (Node refuses request headers over 16 KiB):
 * links and charts name a long host by its `hostId` (host-id.ts).
 */
export const MAX_HOST_LENGTH = 60 * 1024;

/** `host:port`: up to five digits after the last colon (a value outside 1-65535 is no port and is dropped). */
const PORT_SUFFIX = /^(.+):([0-9]{1,5})$/s;
const BRACKETED = /^\[([^\]]+)\](?::([0-9]+))?$/;
/** Characters an IPv6 literal is made of. */
const HEX_COLON_DOT = /^[0-9a-f:.]+$/i;
/** A plain lower-case DNS name: no port, brackets, upper case or trailing dot (the common case, parsed without regexes). */
const PLAIN_NAME = /^[a-z_-][a-z0-9_.-]*[a-z0-9_-]$/;
const UNKNOWN = 'unknown';

/**
 * What is trimmed: the whitespace an HTTP stack may leave around a header
 * value (tab, LF, VT, FF, CR, space). Other characters, Unicode spaces
 * included, are data: no HTTP parser strips them, and they are shown visibly.
 */
const WHITESPACE = '\t\n\v\f\r ';
/** The same set in RE2 (and JS) syntax. */
const WHITESPACE_CLASS = '[\\t\\n\\v\\f\\r ]';

function toPort(digits: string): number | undefined {
  const n = Number(digits);
  return n >= 1 && n <= 65535 ? n : undefined;
}

function looksLikeIpv6(text: string): boolean {
  // At least two colons: "10.0.0.1:443" is IPv4 with a port, "::1" and "2001:db8::1" are IPv6.
  return HEX_COLON_DOT.test(text) && text.indexOf(':') !== text.lastIndexOf(':');
}

/** Trims WHITESPACE with index loops (a regex anchored at the end would be quadratic on a long run of spaces). */
function trimWhitespace(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && WHITESPACE.includes(text[start]!)) start++;
  while (end > start && WHITESPACE.includes(text[end - 1]!)) end--;
  return text.slice(start, end);
}

/**
 * ASCII lower case only: DNS names compare ASCII case-insensitively (RFC
 * 4343), and it is exactly what RE2's `(?i)` undoes for ASCII letters but k
 * and s (see caseInsensitive). Unicode lower-casing would not be: "İ" becomes
 * two characters, a final "Σ" depends on its neighbours.
 */
function lowerAscii(text: string): string {
  return text.replace(/[A-Z]+/g, (m) => m.toLowerCase());
}

/**
 * Parses a `destination_service` value. For HTTP passthrough and blackhole it is
 * the Host header as the application sent it, so it may carry a port
 * (`h:8080`), be an IP (`10.0.0.1:80`, `[2001:db8::1]:443`) or be anything at
 * all: the value is kept as data, never interpreted. Returns null for Istio's
 * "unknown" (TLS/TCP passthrough carries no host) and for empty values.
 */
export function parseObservedHost(raw: string): ObservedHost | null {
  if (PLAIN_NAME.test(raw) && raw !== UNKNOWN) return { host: raw, ip: false };
  let text = trimWhitespace(raw);
  let port: number | undefined;

  const bracketed = BRACKETED.exec(text);
  // Only an IPv6 literal is bracketed; "[5m]" stays as it is (a host no ServiceEntry can take).
  if (bracketed?.[1] !== undefined && looksLikeIpv6(bracketed[1])) {
    text = bracketed[1];
    port = bracketed[2] !== undefined ? toPort(bracketed[2]) : undefined;
  } else if (!looksLikeIpv6(text)) {
    const withPort = PORT_SUFFIX.exec(text);
    if (withPort?.[1] !== undefined && withPort[2] !== undefined) {
      text = withPort[1];
      port = toPort(withPort[2]);
    }
  }

  const host = lowerAscii(text).replace(/\.$/, '');
  // "unknown" in any spelling is Istio's placeholder to a chart: it is never a host.
  if (host === '' || host === UNKNOWN) return null;
  const ip = isIp(host);
  return port === undefined ? { host, ip } : { host, port, ip };
}

/** Escapes RE2 metacharacters (the set lib/prometheus/promql.ts escapes), so a character matches itself. */
function escapeChar(c: string): string {
  return /[\\.+*?()|[\]{}^$]/.test(c) ? `\\${c}` : c;
}

/**
 * The host's characters in any ASCII case, in RE2 syntax: runs of ASCII in
 * `(?i:...)`, except k and s, whose RE2 case folding also admits the Kelvin
 * sign and the long s (U+212A, U+017F), which lowerAscii keeps as they are;
 * other characters literally.
 */
function caseInsensitive(host: string): string {
  let out = '';
  let run = '';
  let letters = false;
  const flush = () => {
    out += letters ? `(?i:${run})` : run;
    run = '';
    letters = false;
  };
  for (const c of host) {
    if (c === 'k' || c === 's') {
      flush();
      out += `[${c}${c.toUpperCase()}]`;
    } else if (c.charCodeAt(0) < 0x80) {
      run += escapeChar(c);
      letters ||= /[a-z]/i.test(c);
    } else {
      flush();
      out += c;
    }
  }
  flush();
  return out;
}

/**
 * The RE2 regex (anchored by Prometheus) of every `destination_service`
 * value that parseObservedHost reads as `host`: any ASCII case, one optional
 * trailing dot, an optional port, IPv6 in brackets, surrounding whitespace.
 * Exact for every host it can report: a value matches if and only if it
 * normalises to `host` (see host.test.ts).
 */
export function observedHostPattern(host: string): string {
  const c = caseInsensitive(host);
  const ipv6 = looksLikeIpv6(host);
  const dotted = `${c}\\.`;
  // The host as sent: a trailing dot is dropped once, so a host ending in "." was sent with one more.
  const sent = host.endsWith('.') ? dotted : `${c}\\.?`;
  const bracketedIpv6 = (() => {
    const b = BRACKETED.exec(host);
    return b?.[1] !== undefined && looksLikeIpv6(b[1]) ? { withPort: b[2] !== undefined } : null;
  })();
  // Sent bare, the value must not end like something else: whitespace (trimmed), a port (split off
  // unless the whole looks like IPv6) or a bracketed IPv6 literal (unwrapped); with its dot it cannot.
  const bare = !host.endsWith('.') && !WHITESPACE.includes(host.at(-1) ?? ' ') && (ipv6 || !PORT_SUFFIX.test(host)) && bracketedIpv6 === null;
  // With a port, unless the value would then look like IPv6 (then nothing is split off);
  // "[v6]" with a port would be unwrapped, so it needs its dot.
  const withPort = !(HEX_COLON_DOT.test(host) && host.includes(':'));
  const portText = bracketedIpv6?.withPort === false ? dotted : sent;
  const bareText = bare ? sent : dotted;
  const forms: string[] = [];
  if (withPort && portText === bareText) forms.push(`${bareText}(?::[0-9]{1,5})?`);
  else {
    forms.push(bareText);
    if (withPort) forms.push(`${portText}:[0-9]{1,5}`);
  }
  if (ipv6) forms.push(`\\[${sent}\\](?::[0-9]+)?`);
  const body = forms.length === 1 ? forms[0]! : `(?:${forms.join('|')})`;
  return `${WHITESPACE_CLASS}*${body}${WHITESPACE_CLASS}*`;
}
