import { gatewayMatcher } from '../../egress/classify';
import { resolveOutboundMode } from '../../egress/report';
import { getTimeseries, type TimeseriesReport } from '../../egress/timeseries';
import { answer, type ApiAnswer } from '../answer';
import { defaultEnd, serverContext, type ApiContext } from '../context';
import { resolveHostIds } from '../host-id';
import { parseQuery, type QueryInput } from '../query';
import { parseTimeseriesRequest } from '../timeseries-params';

/** What GET /api/timeseries answers: the rate over time behind a graph node or edge. */
export type TimeseriesAnswer = TimeseriesReport;

/** GET /api/timeseries: the rate over time behind a graph node or edge. */
export function handleTimeseries(search: QueryInput, nowMs = Date.now(), ctx: ApiContext = serverContext): Promise<ApiAnswer<TimeseriesAnswer>> {
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
