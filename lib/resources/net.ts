/** IP and CIDR syntax for ServiceEntry `addresses`, endpoints and hosts (facts §5). */

const IPV4 = /^(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const HEX_GROUP = /^[0-9a-f]{1,4}$/i;

/** An IPv4 address in dotted-quad form. */
export function isIpv4(text: string): boolean {
  return IPV4.test(text);
}

/** An IPv6 address (RFC 4291 text forms, including `::` and a trailing IPv4). */
export function isIpv6(text: string): boolean {
  const halves = text.split('::');
  if (halves.length > 2 || !text.includes(':')) return false;
  const groups = halves.map((h) => (h === '' ? [] : h.split(':')));
  const all = groups.flat();
  let max = 8;
  const last = all[all.length - 1];
  if (last !== undefined && last.includes('.')) {
    if (!isIpv4(last)) return false;
    all.pop();
    max = 6;
  }
  if (!all.every((g) => HEX_GROUP.test(g))) return false;
  return halves.length === 2 ? all.length < max : all.length === max;
}

/** An IPv4 or IPv6 address. */
export function isIp(text: string): boolean {
  return isIpv4(text) || isIpv6(text);
}

/** A CIDR block: an IP and a prefix length in range for its family. */
export function isCidr(text: string): boolean {
  const slash = text.indexOf('/');
  if (slash < 0) return false;
  const ip = text.slice(0, slash);
  const bits = text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(bits)) return false;
  const n = Number(bits);
  if (isIpv4(ip)) return n <= 32;
  return isIpv6(ip) && n <= 128;
}

/** The single IP an address stands for: the IP itself, or a /32 (/128) CIDR's IP; null for wider blocks. */
export function singleIp(address: string): string | null {
  if (isIp(address)) return address;
  if (!isCidr(address)) return null;
  const [ip = '', bits] = address.split('/');
  return (isIpv4(ip) && bits === '32') || (isIpv6(ip) && bits === '128') ? ip : null;
}

/** The address as a CIDR: an IP becomes /32 (IPv4) or /128 (IPv6); anything else is returned as given. */
export function toCidr(address: string): string {
  if (isIpv4(address)) return `${address}/32`;
  if (isIpv6(address)) return `${address}/128`;
  return address;
}

/**
 * A host name standing for an IP or CIDR, for the TCP form of a ServiceEntry
 * (facts §6): Istio rejects an IP as a host (istio/istio#13009), so the IP
 * goes in `addresses` and the host is synthetic, e.g. `ip-203-0-113-10.external`.
 */
export function syntheticHost(address: string): string {
  const ip = singleIp(address);
  // "::1" is "0::1" and "1::" is "1::0": padding keeps the label from starting or ending with "-".
  const text = (ip ?? address).toLowerCase().replace(/^:/, '0:').replace(/:(\/|$)/, ':0$1');
  const label = text.replace(/[^0-9a-f]/g, '-').replace(/^-+|-+$/g, '');
  return `${ip === null ? 'cidr' : 'ip'}-${label.slice(0, 58).replace(/-+$/, '')}.external`;
}
