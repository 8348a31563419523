import { AlertOptionsError, generateAlertRulesFromJson } from '../alerts';
import { gatewayMatcher } from '../egress/classify';
import type { OutboundModeDecision } from '../egress/outbound-mode';
import { egressQuery, getEgressReport, resolveOutboundMode, type EgressDeps, type EgressQuery, type EgressReport } from '../egress/report';
import { getTimeseries, type TimeseriesReport } from '../egress/timeseries';
import { sharedIstioDataRange, type IstioDataRange } from '../egress/data-range';
import { buildEgressGraph } from '../graph/build';
import { getBlockedReport, type BlockedReport } from '../security/blocked';
import { buildInventory, inventorySeenQuery, seenByHost, type InventoryHost } from '../inventory/inventory';
import type { EgressGraph } from '../graph/model';
import { cached, cachedRangeQuery, MiB } from '../prometheus/cached';
import { backendWarnings } from '../warnings';
import { readJsonBody } from './body';
import { defaultEnd, serverContext, type ApiContext } from './context';
import { ApiError, toErrorResponse, type ApiErrorBody } from './errors';
import { onlyHosts, parseEgressParams, resolveHostIds } from './host-id';
import { joinIssues } from './issues';
import { acknowledgementRequiredMessage } from '../promote/blocked';
import { invalidBundle, promote, validateYamlBody, type PromoteAnswer, type ValidateAnswer } from './promote';
import { parseFlowParams, parseRangeParams } from './params';
import { parseQuery, rejectUnknownParams, type QueryInput } from './query';
import { parseTimeseriesRequest } from './timeseries-params';
import { computeReadiness, DEFAULT_ROOT_NAMESPACE, getInMeshCalls, parseReadinessParams, readinessResources, type ReadinessReport, type ReadinessResources } from '../readiness';

/** A framework-free answer: route handlers turn it into a Response. */
export interface ApiAnswer<T> {
  readonly status: number;
  readonly body: T | ApiErrorBody;
  /** Extra response headers (Allow on a 405). */
  readonly headers?: Readonly<Record<string, string>>;
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
export function handleEgress(search: QueryInput, nowMs = Date.now(), ctx: ApiContext = serverContext): Promise<ApiAnswer<EgressReport>> {
  return answer('GET /api/egress', async () => {
    const params = parseEgressParams(parseQuery(search), defaultEnd(nowMs, ctx.config().cacheTtlMs));
    return onlyHosts(await getEgressReport(ctx.deps(), params), params.hostIds, params.end, params.windowSeconds);
  });
}

/** GET /api/graph */
export function handleGraph(search: QueryInput, nowMs = Date.now(), ctx: ApiContext = serverContext): Promise<ApiAnswer<EgressGraph>> {
  return answer('GET /api/graph', async () => {
    const config = ctx.config();
    const params = parseFlowParams(parseQuery(search), defaultEnd(nowMs, config.cacheTtlMs));
    return sharedGraph({ ...ctx.deps(), config }, egressQuery(params));
  });
}

/** The graph of one view, built once per view and TTL for concurrent requests (the server's configuration is the same for all). */
const sharedGraph = cached(
  'graph',
  async (deps: EgressDeps & { readonly config: ReturnType<ApiContext['config']> }, q: EgressQuery): Promise<EgressGraph> => {
    const graph = buildEgressGraph(await getEgressReport(deps, q), { isGateway: gatewayMatcher(deps.config.egressGatewayWorkloads) });
    return deps.config.prometheusPublicUrl ? { ...graph, prometheusUrl: deps.config.prometheusPublicUrl } : graph;
  },
  { maxEntries: 64, maxBytes: 16 * MiB },
);

/** GET /api/timeseries: the rate over time behind a graph node or edge. */
export function handleTimeseries(search: QueryInput, nowMs = Date.now(), ctx: ApiContext = serverContext): Promise<ApiAnswer<TimeseriesReport>> {
  return answer('GET /api/timeseries', async () => {
    const config = ctx.config();
    const isGateway = gatewayMatcher(config.egressGatewayWorkloads);
    const request = parseTimeseriesRequest(parseQuery(search), defaultEnd(nowMs, config.cacheTtlMs), { isGateway });
    const deps = ctx.deps();
    const [host] = request.hostId === undefined ? [] : await resolveHostIds(deps, [request.hostId], request.end, request.windowSeconds);
    const ruleContext = await resolveOutboundMode(deps, request.end, request.windowSeconds);
    return getTimeseries({ client: deps.client, caches: deps.caches, ruleContext }, request.toQuery(host));
  });
}

export interface HealthBody {
  readonly prometheus: { readonly reachable: true; readonly version: string | null; readonly latencyMs: number };
  /**
   * Where the Istio metrics are (RFC 3339), so a page can say "no data in this
   * window" and when the data starts and ends; null when the lookup failed.
   */
  readonly istio: { readonly first: string | null; readonly last: string | null; readonly earlier: boolean } | null;
}

function istioDataBody(r: IstioDataRange): NonNullable<HealthBody['istio']> {
  const iso = (t: number | null) => (t === null ? null : new Date(t * 1000).toISOString());
  return { first: iso(r.first), last: iso(r.last), earlier: r.earlier };
}

/** GET /api/health: whether Prometheus answers a query, its version, and where its Istio metrics are. It takes no parameters. */
export function handleHealth(search: QueryInput = '', ctx: ApiContext = serverContext, nowMs = Date.now()): Promise<ApiAnswer<HealthBody>> {
  return answer('GET /api/health', async () => {
    rejectUnknownParams(parseQuery(search), []);
    const { client, caches } = ctx.deps();
    const started = performance.now();
    // A backend that cannot answer the lookup (limits, an engine without range queries) is still healthy.
    const istio = sharedIstioDataRange({ client, caches, nowSeconds: nowMs / 1000 }, {}).then(istioDataBody, () => null);
    const [, info] = await Promise.all([client.instantQuery('vector(1)', nowMs / 1000), client.buildInfo()]);
    const latencyMs = Math.round(performance.now() - started);
    return { prometheus: { reachable: true as const, version: info?.version ?? null, latencyMs }, istio: await istio };
  });
}

/** POST /api/serviceentries: generate and validate the resources for observed hosts (400 when they cannot be valid). */
export async function handlePromote(body: unknown, requestedBy?: string, nowMs = Date.now(), ctx: ApiContext = serverContext): Promise<ApiAnswer<PromoteAnswer>> {
  const result = await answer('POST /api/serviceentries', () => promote(body, nowMs, requestedBy, ctx));
  if (result.status === 200 && 'acknowledgement' in result.body && result.body.acknowledgement === 'required') {
    // The evidence and the blocked attempts travel with the refusal, so the review can show what to acknowledge.
    const err = new ApiError(400, 'blocked-unacknowledged', acknowledgementRequiredMessage(result.body.blocked));
    return { status: 400, body: { ...result.body, ...toErrorResponse(err).body } as unknown as ApiErrorBody };
  }
  if (result.status === 200 && 'validation' in result.body && result.body.validation.errors.length > 0) {
    const err = invalidBundle(result.body);
    // Everything generated travels with the errors, so the review can show the evidence and what is wrong.
    return { status: 400, body: { ...result.body, ...toErrorResponse(err).body } as unknown as ApiErrorBody };
  }
  return result;
}

/** POST /api/serviceentries/validate */
export function handleValidateYaml(body: unknown): Promise<ApiAnswer<ValidateAnswer>> {
  return answer('POST /api/serviceentries/validate', () => validateYamlBody(body));
}

/** Reads a JSON request body (readJsonBody: 415, 413, 400) and hands it to `handle`. */
export async function handleJsonPost<T>(request: Request, handle: (body: unknown) => Promise<ApiAnswer<T>>): Promise<ApiAnswer<T>> {
  let body: unknown;
  try {
    body = await readJsonBody(request);
  } catch (err) {
    return toErrorResponse(err);
  }
  return handle(body);
}

// The route table and its 405s live in routes.ts (the HTTP method guard uses them too).
export { allowedMethods, methodNotAllowed, type RouteMethod } from './routes';

/** GET /api/blocked: blocked egress attempts over a window (default 1d, up to 30d). */
export function handleBlocked(search: QueryInput, nowMs = Date.now(), ctx: ApiContext = serverContext): Promise<ApiAnswer<BlockedReport>> {
  return answer('GET /api/blocked', async () => {
    const { end, windowSeconds } = parseRangeParams(parseQuery(search), defaultEnd(nowMs, ctx.config().cacheTtlMs), { defaultWindowSeconds: 86400, namespaces: false });
    return getBlockedReport(ctx.deps(), end, windowSeconds);
  });
}

/**
 * GET /api/readiness: what REGISTRY_ONLY would block, per source namespace and for the mesh (window default 1h), with
 * the in-mesh calls each namespace makes, the Sidecars, the mesh-wide switch and the Telemetry that go with it.
 */
export function handleReadiness(search: QueryInput, nowMs = Date.now(), ctx: ApiContext = serverContext): Promise<ApiAnswer<ReadinessReport & ReadinessResources>> {
  return answer('GET /api/readiness', async () => {
    const config = ctx.config();
    const params = parseReadinessParams(parseQuery(search), defaultEnd(nowMs, config.cacheTtlMs));
    const deps = ctx.deps();
    const [report, inMesh] = await Promise.all([getEgressReport(deps, params), getInMeshCalls(deps, params)]);
    const readiness = computeReadiness({ ...report, warnings: [...new Set([...report.warnings, ...inMesh.warnings])] }, inMesh.calls);
    return { ...readiness, ...readinessResources(readiness, { rootNamespace: config.istioRootNamespace ?? DEFAULT_ROOT_NAMESPACE }) };
  });
}

/** What POST /api/alert-rules answers. */
export interface AlertRulesAnswer {
  readonly rulesFile: string;
  readonly prometheusRule: string;
  readonly warnings: string[];
}

/**
 * What a host named without a namespace is, for rules generated now: the
 * report's decision over the last hour, or (Prometheus unreachable) the
 * default, said in a warning. Without a configured server there is nothing
 * to ask, and rules are still generated.
 */
async function ruleContextForAlerts(ctx: ApiContext, nowMs: number): Promise<{ ruleContext?: OutboundModeDecision; notes: string[] }> {
  let deps;
  try {
    deps = ctx.deps();
  } catch {
    return { notes: [] };
  }
  try {
    const decision = await resolveOutboundMode(deps, defaultEnd(nowMs, ctx.config().cacheTtlMs), 3600);
    return { ruleContext: decision, notes: decision.hostNamedWithoutNamespace === 'passthrough' ? [`New passthrough hosts include hosts named without a namespace. ${decision.reason}`] : [] };
  } catch (err) {
    return { notes: [`Proxy versions could not be read (${err instanceof Error ? err.message : String(err)}): hosts named without a namespace are not counted as passthrough. Set ISTIO_OUTBOUND_MODE to say what they are.`] };
  }
}

/** POST /api/alert-rules: Prometheus alerting rules for egress, as a rules file and a PrometheusRule (400 naming each bad option). */
export function handleAlertRules(body: unknown, nowMs = Date.now(), ctx: ApiContext = serverContext): Promise<ApiAnswer<AlertRulesAnswer>> {
  return answer('POST /api/alert-rules', async () => {
    try {
      const { ruleContext, notes } = await ruleContextForAlerts(ctx, nowMs);
      const { rulesFile, prometheusRule, warnings } = generateAlertRulesFromJson(body, ruleContext);
      return { rulesFile, prometheusRule, warnings: [...warnings, ...notes] };
    } catch (err) {
      if (err instanceof AlertOptionsError) throw new ApiError(400, 'bad-body', joinIssues(err.problems));
      throw err;
    }
  });
}

/** What GET /api/hosts answers. */
export interface InventoryAnswer {
  readonly end: string;
  readonly window: string;
  readonly hosts: InventoryHost[];
  readonly queries: readonly string[];
  readonly warnings: readonly string[];
}

/** GET /api/hosts: every external host seen in the window (default 1d), with callers and first/last seen. */
export function handleInventory(search: QueryInput, nowMs = Date.now(), ctx: ApiContext = serverContext): Promise<ApiAnswer<InventoryAnswer>> {
  return answer('GET /api/hosts', async () => {
    const params = parseFlowParams(parseQuery(search), defaultEnd(nowMs, ctx.config().cacheTtlMs), 86400);
    const deps = ctx.deps();
    const report = await getEgressReport(ctx.deps(), params);
    const step = Math.max(60, Math.ceil(params.windowSeconds / 240 / 60) * 60);
    const seenQuery = inventorySeenQuery(step);
    const range = await cachedRangeQuery(deps, { query: seenQuery, start: params.end - params.windowSeconds, end: params.end, step });
    return {
      end: report.end,
      window: report.window,
      hosts: buildInventory(report, seenByHost(range.series, report.outboundMode)),
      queries: [report.queries.http, report.queries.tcp, seenQuery],
      warnings: [...new Set([...report.warnings, ...backendWarnings(range)])],
    };
  });
}
