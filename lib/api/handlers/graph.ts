import { gatewayMatcher } from '../../egress/classify';
import { egressQuery, getEgressReport, type EgressDeps, type EgressQuery } from '../../egress/report';
import { buildEgressGraph } from '../../graph/build';
import type { EgressGraph } from '../../graph/model';
import { answer, type ApiAnswer } from '../answer';
import { cached, MiB } from '../../prometheus/cached';
import { defaultEnd, serverContext, type ApiContext } from '../context';
import { parseFlowParams } from '../params';
import { parseQuery, type QueryInput } from '../query';

/** What GET /api/graph answers: the egress graph of the window. */
export type GraphAnswer = EgressGraph;

/** GET /api/graph */
export function handleGraph(search: QueryInput, nowMs = Date.now(), ctx: ApiContext = serverContext): Promise<ApiAnswer<GraphAnswer>> {
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
