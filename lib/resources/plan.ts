/**
 * From evidence to ServiceEntry plans: which hosts, ports, resolution and
 * placement each entry gets (facts §5 and §6). Building the objects is left
 * to resources.ts and gateway.ts.
 */
import { callerNamespaces } from './annotations';
import { groupByDomain } from './offers';
import type { IssueList } from './issues';
import { isWildcardHost, normalizeObservedHost, promotableHost, serviceEntryName } from './names';
import { singleIp, syntheticHost, toCidr } from './net';
import { canonicalProtocol, defaultPortName } from './protocols';
import type { HostEvidence, PromoteOptions, Resolution, SkippedHost } from './types';

export const DEFAULT_EGRESS_CONFIG_NAMESPACE = 'istio-egress';

export interface PlannedPort {
  readonly number: number;
  readonly name: string;
  readonly protocol: string;
}

/** One ServiceEntry to generate. `form`: a DNS name, a `*.domain`, or the TCP form of an IP (facts §6). */
export interface EntryPlan {
  readonly name: string;
  readonly hosts: string[];
  readonly form: 'named' | 'wildcard' | 'tcp';
  readonly ports: PlannedPort[];
  readonly resolution: Resolution;
  readonly addresses?: string[];
  readonly endpoints?: { address: string }[];
  readonly namespace: string;
  readonly exportTo: string[];
  readonly callerNamespaces: string[];
  readonly evidence: readonly HostEvidence[];
}

export interface PlanResult {
  readonly plans: EntryPlan[];
  readonly skipped: SkippedHost[];
  /** The valid DNS names among the promotable hosts (for wildcard offers). */
  readonly named: string[];
}

/** Ports from what the metrics saw (facts §6): HTTP on the Host header's ports (80 when none), TLS on 443 for TCP. */
function observedPorts(host: string, evidence: readonly HostEvidence[], notes: string[]): PlannedPort[] {
  const protocols = new Set(evidence.flatMap((e) => e.protocols));
  const numbers = [...new Set(evidence.flatMap((e) => e.ports))].sort((a, b) => a - b);
  const out: PlannedPort[] = [];
  if (protocols.has('http') || protocols.has('grpc')) {
    const both = protocols.has('http') && protocols.has('grpc');
    const protocol = both ? 'HTTP2' : protocols.has('grpc') ? 'GRPC' : 'HTTP';
    const ports = numbers.length > 0 ? numbers : [80];
    for (const n of ports) out.push({ number: n, name: defaultPortName(protocol, n), protocol });
    if (numbers.length > 0 && !numbers.includes(80)) {
      notes.push(`${host} was called with explicit ports in the Host header (${numbers.join(', ')}), so port 80 is not registered: add it in the ports if the application also calls ${host} without a port.`);
    }
    if (both) {
      notes.push(`${host} carried both HTTP and gRPC: its ports use protocol HTTP2 so gRPC keeps working, which sends HTTP/1.1 requests upstream as HTTP/2 too; if the server does not speak clear-text HTTP/2, give gRPC its own port.`);
    } else if (protocol === 'GRPC') {
      notes.push(`${host} carried gRPC: protocol GRPC (HTTP/2 upstream, gRPC status in the metrics). gRPC over TLS shows no host in the metrics; register it as TLS on 443.`);
    }
  }
  if (protocols.has('tcp') || out.length === 0) {
    if (!out.some((p) => p.number === 443)) out.push({ number: 443, name: 'tls', protocol: 'TLS' });
    notes.push(
      protocols.size === 0
        ? `No traffic to ${host} was seen in the window: assumed HTTPS (TLS on 443); set the ports if it is something else.`
        : `${host} is registered for TLS on 443 (the application originates TLS): no VirtualService is needed, the sidecar routes on SNI.`,
    );
  }
  return out;
}

function optionPorts(options: PromoteOptions): PlannedPort[] | null {
  if (!options.ports || options.ports.length === 0) return null;
  return options.ports.map((p) => {
    const protocol = canonicalProtocol(p.protocol) ?? p.protocol;
    return { number: p.number, protocol, name: p.name ?? defaultPortName(protocol, p.number) };
  });
}

/** Least privilege placement: one caller namespace -> there, exportTo ["."]; several -> the egress config namespace, exported to exactly them. */
function place(evidence: readonly HostEvidence[], options: PromoteOptions, host: string, issues: IssueList): Pick<EntryPlan, 'namespace' | 'exportTo' | 'callerNamespaces'> {
  const callers = callerNamespaces(evidence);
  const fallback = options.egressConfigNamespace ?? DEFAULT_EGRESS_CONFIG_NAMESPACE;
  const namespace = options.namespace ?? (callers.length === 1 ? (callers[0] ?? fallback) : fallback);
  if (callers.length === 0 && options.exportTo === undefined) {
    issues.reporter(-1, 'ServiceEntry', serviceEntryName(host)).warn(['spec', 'exportTo'], `no workload called ${host} in the window, so nothing says who needs it: the ServiceEntry is exported to its own namespace only; set exportTo to the namespaces that should reach it`);
  }
  const exportTo = options.exportTo ? [...options.exportTo] : callers.length === 0 || (callers.length === 1 && callers[0] === namespace) ? ['.'] : callers;
  return { namespace, exportTo, callerNamespaces: callers };
}

/**
 * DNS for a name (facts §6: with NONE a spoofed Host header reaches any IP);
 * NONE for a wildcard (DNS cannot resolve `*.x.com`, §5) and for the TCP form
 * (the address selects it). options.resolution wins; validation reports misfits.
 */
function defaultResolution(form: EntryPlan['form'], options: PromoteOptions): Resolution {
  return options.resolution ?? (form === 'named' ? 'DNS' : 'NONE');
}

/** The TCP form (facts §6): synthetic host, the IP in addresses, TCP ports, NONE or STATIC with the IP as endpoint. */
function tcpPlan(host: string, address: string, ports: readonly number[], evidence: readonly HostEvidence[], options: PromoteOptions, issues: IssueList): EntryPlan {
  const resolution = defaultResolution('tcp', options);
  const ip = singleIp(address);
  return {
    name: serviceEntryName(host),
    hosts: [host],
    form: 'tcp',
    ports: optionPorts(options) ?? ports.map((n) => ({ number: n, name: `tcp-${n}`, protocol: 'TCP' })),
    resolution,
    addresses: [toCidr(address)],
    ...(resolution === 'STATIC' && ip !== null ? { endpoints: [{ address: ip }] } : {}),
    ...place(evidence, options, host, issues),
    evidence,
  };
}

function namedPlan(host: string, evidence: readonly HostEvidence[], options: PromoteOptions, issues: IssueList, notes: string[]): EntryPlan {
  const form = isWildcardHost(host) ? 'wildcard' : 'named';
  return {
    name: serviceEntryName(host),
    hosts: [host],
    form,
    ports: optionPorts(options) ?? observedPorts(host, evidence, notes),
    resolution: defaultResolution(form, options),
    ...place(evidence, options, host, issues),
    evidence,
  };
}


/** Plans the ServiceEntries for the evidence; registered hosts are skipped, unusable hosts reported as issues of doc -1. */
export function planEntries(evidence: readonly HostEvidence[], options: PromoteOptions, issues: IssueList, notes: string[]): PlanResult {
  const skipped: SkippedHost[] = [];
  const named = new Map<string, HostEvidence[]>();
  const ips = new Map<string, HostEvidence[]>();
  const unattributed: HostEvidence[] = [];
  for (const e of evidence) {
    if (e.status === 'registered') {
      if (skipped.some((x) => x.host === (e.host ?? '(unattributed TLS/TCP)'))) continue;
      const where = e.serviceEntryNamespace ? `a ServiceEntry in namespace ${e.serviceEntryNamespace}` : 'an existing ServiceEntry';
      skipped.push({ host: e.host ?? '(unattributed TLS/TCP)', reason: `already registered by ${where}: nothing to generate; edit that ServiceEntry to change it`, ...(e.serviceEntryNamespace ? { serviceEntryNamespace: e.serviceEntryNamespace } : {}) });
      continue;
    }
    if (e.host === null) {
      unattributed.push(e);
      continue;
    }
    const promotion = promotableHost(e.host);
    switch (promotion.kind) {
      case 'ip':
        ips.set(promotion.ip, [...(ips.get(promotion.ip) ?? []), e]);
        break;
      case 'refused':
        issues.reporter(-1, 'ServiceEntry', serviceEntryName(promotion.host)).error(['spec', 'hosts', 0], promotion.reason);
        break;
      case 'name':
        named.set(promotion.host, [...(named.get(promotion.host) ?? []), e]);
        break;
    }
  }

  const plans: EntryPlan[] = [];
  const collapsed = new Set<string>();
  if (options.wildcard) {
    for (const [domain, hosts] of groupByDomain([...named.keys()])) {
      hosts.forEach((h) => collapsed.add(h));
      const wildcard = `*.${domain}`;
      plans.push(namedPlan(wildcard, hosts.flatMap((h) => named.get(h) ?? []), options, issues, notes));
      notes.push(`${hosts.join(', ')} are collapsed into ${wildcard}, which also opens every other subdomain of ${domain}, including ones never observed.`);
    }
  }
  for (const [host, evs] of named) if (!collapsed.has(host)) plans.push(namedPlan(host, evs, options, issues, notes));

  for (const [ip, evs] of ips) {
    const host = syntheticHost(ip);
    const seen = [...new Set(evs.flatMap((e) => e.ports))].sort((a, b) => a - b);
    const ports = seen.length > 0 ? seen : (options.ports ?? []).map((p) => p.number);
    if (ports.length === 0) {
      // Nothing says which port: guessing one would register the wrong destination.
      issues.reporter(-1, 'ServiceEntry', serviceEntryName(host)).error(['spec', 'hosts', 0], `${ip} is an IP, and Istio rejects IPs as ServiceEntry hosts (istio/istio#13009); to register it as TCP (addresses [${toCidr(ip)}]), give its port in "ports"`);
      continue;
    }
    plans.push(tcpPlan(host, ip, ports, evs, options, issues));
    notes.push(`${ip} is an IP, and Istio rejects IPs as ServiceEntry hosts (istio/istio#13009): it is registered under the synthetic host ${host} with addresses [${toCidr(ip)}] and TCP ports, so the address, not the Host header, selects it.`);
  }

  if (unattributed.length > 0) {
    if (!options.tcp) {
      issues.reporter(-1, 'ServiceEntry', '').error(['options', 'tcp'], 'the metrics do not carry the destination of TLS/TCP passthrough or blocked TCP (no host, IP or port label): give the destination address (IP or CIDR) and port, and optionally a host name, to register it');
    } else {
      const host = options.tcp.host ? normalizeObservedHost(options.tcp.host) : syntheticHost(options.tcp.address);
      plans.push(tcpPlan(host, options.tcp.address, [options.tcp.port], unattributed, options, issues));
      notes.push(`The metrics show who opened these TLS/TCP connections but not where to: ${options.tcp.address} port ${options.tcp.port} come from you, so check them against the application's configuration or access logs.`);
    }
  }
  return { plans, skipped, named: [...named.keys()] };
}
