/**
 * What a Sidecar's `egress[].hosts` keep visible to its proxies (facts §6;
 * istio/api networking/v1alpha3/sidecar.proto): entries are `namespace/dnsName`.
 * The namespace part is `*` (every namespace), `.` (the Sidecar's own), `~`
 * (none) or a namespace name; the DNS part is `*`, an FQDN, or a wildcard
 * such as `*.example.com`. A service outside every entry gets no cluster, so
 * its calls fall through to the catch-all (BlackHoleCluster under REGISTRY_ONLY).
 */

/** A service as the Sidecar sees it: its host (FQDN, or a ServiceEntry host) and the namespace that declares it. */
export interface SidecarService {
  readonly namespace: string;
  readonly host: string;
}

const isWildcard = (name: string): boolean => name.startsWith('*');

/**
 * Istio's host.Name SubsetOf (pkg/config/host/name.go): `n` is covered by `o`.
 * A wildcard covers the names that end with what follows its `*`; `*` covers all.
 */
export function hostSubsetOf(n: string, o: string): boolean {
  if (isWildcard(n)) return isWildcard(o) && n.length >= o.length && n.slice(1).endsWith(o.slice(1));
  if (isWildcard(o)) return n.endsWith(o.slice(1));
  return n === o;
}

/** Whether one `namespace/dnsName` entry of a Sidecar in `sidecarNamespace` selects the service. */
export function sidecarHostAdmits(entry: string, sidecarNamespace: string, service: SidecarService): boolean {
  const slash = entry.indexOf('/');
  if (slash < 0) return false;
  const ns = entry.slice(0, slash);
  const dns = entry.slice(slash + 1).toLowerCase();
  const host = service.host.toLowerCase();
  if (ns === '~') return false;
  const nsMatches = ns === '*' || (ns === '.' ? service.namespace === sidecarNamespace : service.namespace === ns);
  // Hosts overlap either way: a wildcard ServiceEntry host is narrowed by a more specific import.
  return nsMatches && (hostSubsetOf(host, dns) || hostSubsetOf(dns, host));
}

/** Whether any entry of `hosts` selects the service (a Sidecar's egress hosts, all listeners together). */
export function sidecarAdmits(hosts: readonly string[], sidecarNamespace: string, service: SidecarService): boolean {
  return hosts.some((h) => sidecarHostAdmits(h, sidecarNamespace, service));
}
