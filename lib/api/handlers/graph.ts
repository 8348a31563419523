import { gatewayMatcher } from '../../egress/classify';
import { getEgressReport, reportKey } from '../../egress/report';
import { buildEgressGraph } from '../../graph/build';
import type { EgressGraph } from '../../graph/model';
import { answer, type ApiAnswer } from '../answer';
import { defaultEnd, serverContext, sharedAnswer, type ApiContext } from '../context';
import { parseFlowParams } from '../params';
import { parseQuery, type QueryInput } from '../query';

/** What GET /api/graph answers: the egress graph of the window. */
export type GraphAnswer = EgressGraph;

/** GET /api/graph */
export function handleGraph(search: QueryInput, nowMs = Date.now(), ctx: ApiContext = serverContext): Promise<ApiAnswer<GraphAnswer>> {
  return answer('GET /api/graph', async () => {
    const config = ctx.config();
    const params = parseFlowParams(parseQuery(search), defaultEnd(nowMs, config.cacheTtlMs));
    return sharedAnswer(ctx, `graph\u0000${reportKey(params)}`, async () => {
      const graph = buildEgressGraph(await getEgressReport(ctx.deps(), params), { isGateway: gatewayMatcher(config.egressGatewayWorkloads) });
      return config.prometheusPublicUrl ? { ...graph, prometheusUrl: config.prometheusPublicUrl } : graph;
    });
  });
}
