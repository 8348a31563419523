import { getConfig, type AppConfig } from '../config/env';
import { createCacheStore } from '../prometheus/cached';
import { createPrometheusClient } from '../prometheus/client';
import type { EgressDeps } from '../egress/report';

let deps: EgressDeps | undefined;

/** Process-wide dependencies of the API routes: one client and one cache store (lib/prometheus/cached.ts) per server. */
export function getEgressDeps(): EgressDeps {
  if (!deps) {
    const config = getConfig();
    deps = {
      client: createPrometheusClient(config.prometheus),
      caches: createCacheStore({ ttlMs: config.cacheTtlMs }),
      gatewayWorkloads: config.egressGatewayWorkloads,
      topHostsPerStatus: config.topHostsPerStatus,
      tcpDestinationLabels: config.tcpDestinationLabels,
      outboundMode: config.outboundMode,
    };
  }
  return deps;
}

/** What the handlers read from the server: getters, so a bad environment fails inside the request (500 misconfigured), not at import. */
export interface ApiContext {
  readonly config: () => Pick<AppConfig, 'cacheTtlMs' | 'egressGatewayWorkloads' | 'prometheusPublicUrl'> & Partial<Pick<AppConfig, 'istioRootNamespace'>>;
  /** The client, and the caches (absent: every answer is built and every query run per request). */
  readonly deps: () => EgressDeps;
}

/** The running server's context: configuration from the environment, the shared client and caches. */
export const serverContext: ApiContext = { config: getConfig, deps: getEgressDeps };

/**
 * "Now" for a request without `end`: the current second, rounded down to the
 * cache TTL so that concurrent dashboards ask Prometheus the same question.
 */
export function defaultEnd(nowMs: number, cacheTtlMs: number): number {
  const grain = Math.max(1, Math.floor(cacheTtlMs / 1000));
  const seconds = Math.floor(nowMs / 1000);
  return seconds - (seconds % grain);
}
