/** Kubernetes and Istio name syntax: DNS-1123 names, ServiceEntry hosts, generated object names. */
import { quoteValue } from '../format';
import { isIp } from './net';

/**
 * The one DNS-1123 label pattern (RFC 1123 as Kubernetes reads it): lower-case
 * letters, digits and '-', starting and ending with a letter or digit. Every
 * name check in the app (namespaces, object names, hosts) is built from it.
 */
const LABEL = '[a-z0-9](?:[-a-z0-9]*[a-z0-9])?';
/** DNS-1123 label: namespaces, port names, subset names (≤ 63). */
export const DNS1123_LABEL = new RegExp(`^${LABEL}$`);
/** DNS-1123 subdomain: metadata.name of Istio objects (≤ 253). */
export const DNS1123_SUBDOMAIN = new RegExp(`^${LABEL}(?:\\.${LABEL})*$`);
/** A DNS label as Istio accepts it in hosts (any case). */
const HOST_LABEL = new RegExp(`^${LABEL}$`, 'i');
/** The first label of a wildcard host: `*`, or a partial wildcard such as `*foo` (which only warns). */
const WILDCARD_LABEL = new RegExp(`^\\*(?:-?${LABEL})?$`, 'i');

export const MAX_NAME = 63;
/** Longest DNS-1123 subdomain (metadata.name). */
export const MAX_SUBDOMAIN = 253;
export const MAX_HOST = 255;

/** A user-supplied value for a message: quoted (so HTML, quotes, control and bidi characters stay inert text) and clipped. */
export function quote(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  return quoteValue(text, 80);
}

/** A DNS-1123 label (namespace, port name, subset name). */
export function isDns1123Label(value: string): boolean {
  return value.length <= MAX_NAME && DNS1123_LABEL.test(value);
}

/** A DNS-1123 subdomain (metadata.name). */
export function isDns1123Subdomain(value: string): boolean {
  return value.length <= MAX_SUBDOMAIN && DNS1123_SUBDOMAIN.test(value);
}

/** 32-bit FNV-1a as 8 hex digits: a short, stable, dependency-free suffix. */
export function shortHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/**
 * metadata.name for the ServiceEntry of a host (facts §6: a DNS-1123 name,
 * `*` mapped to a word): `*.googleapis.com` -> `wildcard-googleapis-com`.
 * Characters a name cannot hold are removed; when that happens, or the name
 * would exceed 63 characters, it is cut and a short hash of the host keeps
 * different hosts apart.
 */
export function serviceEntryName(host: string): string {
  const lower = host.trim().toLowerCase();
  const mapped = (lower.startsWith('*.') ? `wildcard.${lower.slice(2)}` : lower).replace(/\*/g, 'wildcard').replace(/[.:]/g, '-');
  const cleaned = mapped.replace(/[^a-z0-9-]/g, '');
  const trimmed = cleaned.replace(/^-+|-+$/g, '');
  if (trimmed === '') return `host-${shortHash(host)}`;
  if (cleaned === mapped && trimmed.length <= MAX_NAME) return trimmed;
  const suffix = `-${shortHash(host)}`;
  return `${trimmed.slice(0, MAX_NAME - suffix.length).replace(/-+$/, '')}${suffix}`;
}

/** The problems of a ServiceEntry host (facts §5). */
export interface HostCheck {
  readonly error?: string;
  readonly warning?: string;
}

/**
 * Checks a ServiceEntry host like Istio's webhook: an FQDN (short names pass)
 * with an optional wildcard first label, no bare `*`, no IP (istio/istio#13009,
 * an all-numeric top-level label), ≤ 255 characters. `*foo.com` only warns.
 */
export function checkHost(host: string): HostCheck {
  if (host === '') return { error: 'is empty: give a DNS name such as api.example.com' };
  if (host === '*') return { error: 'a bare "*" is not allowed in a ServiceEntry: list the hosts, or a wildcard domain such as *.example.com' };
  if (isIp(host) || isIp(host.replace(/^\[|\]$/g, ''))) {
    return { error: `${quote(host)} is an IP address, which Istio rejects as a host (istio/istio#13009): use a synthetic DNS name as the host and put the IP in spec.addresses (resolution NONE or STATIC)` };
  }
  if (host.length > MAX_HOST) return { error: `is ${host.length} characters long: a host name has at most ${MAX_HOST}` };
  const labels = host.split('.');
  const [first = '', ...rest] = labels;
  const wildcard = first.startsWith('*');
  if (wildcard ? !WILDCARD_LABEL.test(first) || first.length > MAX_NAME : !isHostLabel(first)) {
    return { error: `${quote(host)} is not a valid host name (label ${quote(first)}): use letters, digits, '-' and '.', with an optional "*." prefix` };
  }
  const bad = rest.find((l) => !isHostLabel(l));
  if (bad !== undefined) {
    return { error: `${quote(host)} is not a valid host name (label ${quote(bad)}): each dot-separated label has 1–63 letters, digits or '-', not at either end` };
  }
  const tld = labels[labels.length - 1] ?? '';
  if (labels.length > 1 && /^\d+$/.test(tld)) {
    return { error: `${quote(host)} ends in an all-numeric label, which Istio reads as an IP (istio/istio#13009): use a DNS name` };
  }
  if (wildcard && first !== '*') {
    return { warning: `${quote(host)} is a partial wildcard, which Istio does not support (only a whole first label "*" matches): use "*.${host.slice(1)}" (every subdomain of ${host.slice(1)}) or list the hosts` };
  }
  return {};
}

function isHostLabel(label: string): boolean {
  return label.length <= MAX_NAME && HOST_LABEL.test(label);
}

/** A host with a wildcard first label (`*.x.com`). */
export function isWildcardHost(host: string): boolean {
  return host.startsWith('*');
}

/** Whether a ServiceEntry host pattern (`*.x.com` or exact) covers a host; `*.x.com` does not cover `x.com`. */
export function hostCovers(pattern: string, host: string): boolean {
  if (pattern === host) return true;
  return pattern.startsWith('*.') && host.endsWith(pattern.slice(1));
}

/** What an observed host (a Host header) can become: a ServiceEntry host, the TCP form of an IP, or nothing, with the reason. */
export type HostPromotion =
  | { readonly kind: 'name'; readonly host: string }
  | { readonly kind: 'ip'; readonly ip: string }
  | { readonly kind: 'refused'; readonly host: string; readonly reason: string };

/** An observed host as the generator reads it: trimmed, lower-case, without a trailing dot. */
export function normalizeObservedHost(host: string): string {
  return host.trim().toLowerCase().replace(/\.$/, '');
}

/**
 * Whether an observed host can be registered (facts §5): a valid DNS name
 * (optionally `*.`-wildcarded) becomes a ServiceEntry host; an IP the TCP form
 * (synthetic host, the IP in addresses); anything else, such as markup,
 * quotes, control characters or 10 kB from a hostile Host header, is refused
 * with the reason, and never reaches a generated resource.
 */
export function promotableHost(observed: string): HostPromotion {
  const host = normalizeObservedHost(observed);
  const bare = host.replace(/^\[|\]$/g, '');
  // The syntax decides, not the `ip` flag of the metrics.
  if (isIp(bare)) return { kind: 'ip', ip: bare };
  const problem = checkHost(host).error;
  if (problem === undefined) return { kind: 'name', host };
  const subject = problem.startsWith('"') ? '' : `${quote(host)} `;
  return {
    kind: 'refused',
    host,
    reason: `${subject}${problem}. This value came from a Host header and cannot be registered as sent: fix the application's Host header, or register the real destination name instead.`,
  };
}
