/** Wildcard offers: when several selected hosts share a registrable domain, `*.domain` could replace them. */
import { registrableDomain } from './domains';
import type { WildcardOffer } from './types';

/**
 * Hosts grouped by registrable domain, for groups of at least two hosts that
 * `*.domain` covers (the domain itself is not covered by its wildcard, so it
 * never counts). Domains in first-seen order, hosts sorted.
 */
export function groupByDomain(hosts: readonly string[]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const host of new Set(hosts)) {
    const domain = registrableDomain(host);
    if (domain === null || host === domain) continue;
    groups.set(domain, [...(groups.get(domain) ?? []), host]);
  }
  return new Map([...groups].filter(([, hs]) => hs.length >= 2).map(([d, hs]) => [d, [...hs].sort()]));
}

/** Offers `*.domain` for each group of ≥ 2 hosts, saying what the wildcard opens up and what it costs. */
export function wildcardOffers(hosts: readonly string[]): WildcardOffer[] {
  return [...groupByDomain(hosts)].map(([domain, group]) => ({
    domain,
    hosts: group,
    explanation:
      `One entry *.${domain} would replace ${group.length} entries, but it opens every subdomain of ${domain}, including ones never observed ` +
      `(and not ${domain} itself). A wildcard cannot use resolution DNS: it needs NONE (the application's own DNS answer is trusted, ` +
      `so the Host header or SNI alone decides and a spoofed one reaches any IP) or DYNAMIC_DNS (Istio 1.28+, HTTP/TLS/gRPC ports only).`,
  }));
}
