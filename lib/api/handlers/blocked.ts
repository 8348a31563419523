import { getBlockedReport, type BlockedReport } from '../../blocked/blocked';
import { answer, type ApiAnswer } from '../answer';
import { defaultEnd, serverContext, type ApiContext } from '../context';
import { parseRangeParams } from '../params';
import { parseQuery, type QueryInput } from '../query';

/** What GET /api/blocked answers: the blocked egress attempts of the window. */
export type BlockedAnswer = BlockedReport;

/** GET /api/blocked: blocked egress attempts over a window (default 1d, up to 30d). */
export function handleBlocked(search: QueryInput, nowMs = Date.now(), ctx: ApiContext = serverContext): Promise<ApiAnswer<BlockedAnswer>> {
  return answer('GET /api/blocked', async () => {
    const { end, windowSeconds } = parseRangeParams(parseQuery(search), defaultEnd(nowMs, ctx.config().cacheTtlMs), { defaultWindowSeconds: 86400, namespaces: false });
    return getBlockedReport(ctx.deps(), end, windowSeconds);
  });
}
