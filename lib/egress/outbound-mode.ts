import { formatDuration } from '../prometheus/promql';
import type { Sample } from '../prometheus/types';
import type { RuleContext } from './rules';

/**
 * What a host-named series without a namespace is (the rulebook's
 * hostNamedWithoutNamespace, facts §9): `destination_service =
 * destination_service_name =` a host, namespace and workload unknown. The
 * labels are the same for two different things:
 * - a ServiceEntry host reported by a proxy older than Istio 1.23, which did
 *   not yet carry the ServiceEntry's namespace: registered;
 * - plain HTTP to an unregistered host through Istio 1.31's
 *   ALLOW_ANY_DYNAMIC_DNS forward proxy (cluster AllowAnyDynamicDNSCluster,
 *   no service metadata): passthrough.
 * The operator can say which (ISTIO_OUTBOUND_MODE); otherwise the proxies'
 * versions decide, as read from `istio_build{component="proxy"}`, the metric
 * Istio's own mesh dashboard reads.
 */

/** ISTIO_OUTBOUND_MODE: `auto` infers from proxy versions; the others are meshConfig.outboundTrafficPolicy.mode as set. */
export const OUTBOUND_MODE_SETTINGS = ['auto', 'ALLOW_ANY', 'REGISTRY_ONLY', 'ALLOW_ANY_DYNAMIC_DNS'] as const;
export type OutboundModeSetting = (typeof OUTBOUND_MODE_SETTINGS)[number];

/** The first Istio release whose ServiceEntry telemetry carries the ServiceEntry's namespace (istio/proxy 3d2512a4, June 2024). */
export const SERVICE_ENTRY_NAMESPACE_SINCE = { major: 1, minor: 23 } as const;

/** How the status of host-named series without a namespace was decided, for the answer and the page. */
export interface OutboundModeDecision extends RuleContext {
  readonly decidedBy: 'configuration' | 'proxy-versions';
  /** ISTIO_OUTBOUND_MODE as configured. */
  readonly setting: OutboundModeSetting;
  /** Distinct proxy version tags seen in the window (auto only), ascending. */
  readonly proxyVersions: readonly string[];
  /** One sentence: which rule decided, and why. */
  readonly reason: string;
  /** The PromQL that read the versions (auto only). */
  readonly query?: string;
}

/** Proxy versions seen in the window: one series per tag. */
export function proxyVersionsQuery(windowSeconds: number): string {
  return `count by (tag) (max_over_time(istio_build{component="proxy"}[${formatDuration(windowSeconds)}]))`;
}

/** major.minor of an Istio version tag ("1.31.0", "1.23.2-distroless", "1.24-alpha.1"); null for tags that are not versions ("latest", a commit). */
export function parseIstioVersion(tag: string): { major: number; minor: number } | null {
  const m = /^v?(\d{1,3})\.(\d{1,3})(?:[.-]|$)/.exec(tag.trim());
  return m ? { major: Number(m[1]), minor: Number(m[2]) } : null;
}

function atLeast(v: { major: number; minor: number }, since: { major: number; minor: number }): boolean {
  return v.major > since.major || (v.major === since.major && v.minor >= since.minor);
}

/** The decision from the setting and, for `auto`, the version tags seen. */
export function decideOutboundMode(setting: OutboundModeSetting, tags: readonly string[], query?: string): OutboundModeDecision {
  const proxyVersions = [...new Set(tags)].sort();
  if (setting !== 'auto') {
    const dynamic = setting === 'ALLOW_ANY_DYNAMIC_DNS';
    return {
      hostNamedWithoutNamespace: dynamic ? 'passthrough' : 'registered',
      decidedBy: 'configuration',
      setting,
      proxyVersions: [],
      reason: dynamic
        ? 'ISTIO_OUTBOUND_MODE is ALLOW_ANY_DYNAMIC_DNS: a host named without a namespace is plain HTTP to an unregistered host through the dynamic forward proxy (passthrough).'
        : `ISTIO_OUTBOUND_MODE is ${setting}: a host named without a namespace is a ServiceEntry reported by a proxy older than Istio 1.23 (registered).`,
    };
  }
  const since = `${SERVICE_ENTRY_NAMESPACE_SINCE.major}.${SERVICE_ENTRY_NAMESPACE_SINCE.minor}`;
  const base = { decidedBy: 'proxy-versions' as const, setting, proxyVersions, ...(query ? { query } : {}) };
  if (proxyVersions.length === 0) {
    return {
      ...base,
      hostNamedWithoutNamespace: 'registered',
      reason: `No proxy version in Prometheus (istio_build): a host named without a namespace is read as a ServiceEntry from a proxy older than Istio ${since} (registered). Set ISTIO_OUTBOUND_MODE to say otherwise.`,
    };
  }
  const older = proxyVersions.filter((t) => {
    const v = parseIstioVersion(t);
    return v === null || !atLeast(v, SERVICE_ENTRY_NAMESPACE_SINCE);
  });
  if (older.length > 0) {
    return {
      ...base,
      hostNamedWithoutNamespace: 'registered',
      reason: `Some proxies are older than Istio ${since} or of unknown version (${older.join(', ')}): a host named without a namespace is read as a ServiceEntry, which those proxies report without its namespace (registered).`,
    };
  }
  return {
    ...base,
    hostNamedWithoutNamespace: 'passthrough',
    reason: `Every proxy is Istio ${since} or newer (${proxyVersions.join(', ')}), and those report a ServiceEntry with its namespace: a host named without one is plain HTTP through ALLOW_ANY_DYNAMIC_DNS's dynamic forward proxy (passthrough).`,
  };
}

/** The decision from the answer of proxyVersionsQuery. */
export function outboundModeFromSamples(setting: OutboundModeSetting, samples: readonly Sample[], query: string): OutboundModeDecision {
  return decideOutboundMode(
    setting,
    samples.map((s) => s.labels.tag ?? '').filter((t) => t !== ''),
    query,
  );
}
