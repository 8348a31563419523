import { getHostsReport, type HostsReport } from '../../hosts/report';
import { answer, type ApiAnswer } from '../answer';
import { defaultEnd, serverContext, type ApiContext } from '../context';
import { parseFlowParams } from '../params';
import { parseQuery, type QueryInput } from '../query';

/** What GET /api/hosts answers. */
export type HostsAnswer = HostsReport;

/** GET /api/hosts: every external host seen in the window (default 1d), with callers and first/last seen. */
export function handleHosts(search: QueryInput, nowMs = Date.now(), ctx: ApiContext = serverContext): Promise<ApiAnswer<HostsAnswer>> {
  return answer('GET /api/hosts', async () => {
    const params = parseFlowParams(parseQuery(search), defaultEnd(nowMs, ctx.config().cacheTtlMs), 86400);
    return getHostsReport(ctx.deps(), params);
  });
}
