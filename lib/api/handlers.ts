import { getConfig } from '../config/env';
import { gatewayMatcher } from '../egress/classify';
import { getEgressReport, type EgressReport } from '../egress/report';
import { getTimeseries, type TimeseriesReport } from '../egress/timeseries';
import { buildEgressGraph } from '../graph/build';
import type { EgressGraph } from '../graph/model';
import { defaultEnd, getEgressDeps, getRangeCache } from './context';
import { toErrorResponse, type ApiErrorBody } from './errors';
import { parseFlowParams } from './params';
import { parseTimeseriesParams } from './timeseries-params';

/** A framework-free answer: route handlers turn it into a Response. */
export interface ApiAnswer<T> {
  readonly status: number;
  readonly body: T | ApiErrorBody;
}

async function answer<T>(what: string, run: () => Promise<T>): Promise<ApiAnswer<T>> {
  try {
    return { status: 200, body: await run() };
  } catch (err) {
    const mapped = toErrorResponse(err);
    if (mapped.status >= 500) console.error(`[egress-lens] ${what} failed:`, err);
    return mapped;
  }
}

/** GET /api/egress */
export function handleEgress(search: URLSearchParams, nowMs = Date.now()): Promise<ApiAnswer<EgressReport>> {
  return answer('GET /api/egress', async () => {
    const config = getConfig();
    const params = parseFlowParams(search, defaultEnd(nowMs, config.cacheTtlMs));
    return getEgressReport(getEgressDeps(), params);
  });
}

/** GET /api/graph */
export function handleGraph(search: URLSearchParams, nowMs = Date.now()): Promise<ApiAnswer<EgressGraph>> {
  return answer('GET /api/graph', async () => {
    const config = getConfig();
    const params = parseFlowParams(search, defaultEnd(nowMs, config.cacheTtlMs));
    const report = await getEgressReport(getEgressDeps(), params);
    const graph = buildEgressGraph(report, { isGateway: gatewayMatcher(config.egressGatewayWorkloads) });
    return config.prometheusPublicUrl ? { ...graph, prometheusUrl: config.prometheusPublicUrl } : graph;
  });
}

/** GET /api/timeseries: the rate over time behind a graph node or edge. */
export function handleTimeseries(search: URLSearchParams, nowMs = Date.now()): Promise<ApiAnswer<TimeseriesReport>> {
  return answer('GET /api/timeseries', async () => {
    const config = getConfig();
    const isGateway = gatewayMatcher(config.egressGatewayWorkloads);
    const query = parseTimeseriesParams(search, defaultEnd(nowMs, config.cacheTtlMs), { isGateway });
    return getTimeseries({ client: getEgressDeps().client, cache: getRangeCache() }, query);
  });
}

export interface HealthBody {
  readonly prometheus: { readonly reachable: true; readonly version: string | null; readonly latencyMs: number };
}

/** GET /api/health: whether Prometheus answers a query, and its version. */
export function handleHealth(): Promise<ApiAnswer<HealthBody>> {
  return answer('GET /api/health', async () => {
    const { client } = getEgressDeps();
    const started = performance.now();
    const [, info] = await Promise.all([client.instantQuery('vector(1)', Date.now() / 1000), client.buildInfo()]);
    return { prometheus: { reachable: true as const, version: info?.version ?? null, latencyMs: Math.round(performance.now() - started) } };
  });
}
