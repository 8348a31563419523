/**
 * One module per API route, named by its path under /api/ (`/api/alert-rules`
 * is alert-rules.ts, `/api/serviceentries/validate` serviceentries-validate.ts):
 * each exports its handler and the type of its answer. A handler parses,
 * calls lib/<feature>, and maps errors (../answer.ts); app/api/<path>/route.ts
 * hands it the request.
 */
import { getEgressReport, type EgressReport } from '../../egress/report';
import { answer, type ApiAnswer } from '../answer';
import { defaultEnd, serverContext, type ApiContext } from '../context';
import { onlyHosts, parseEgressParams } from '../host-id';
import { parseQuery, type QueryInput } from '../query';

/** What GET /api/egress answers: the classified flows of the window. */
export type EgressAnswer = EgressReport;

/** GET /api/egress */
export function handleEgress(search: QueryInput, nowMs = Date.now(), ctx: ApiContext = serverContext): Promise<ApiAnswer<EgressAnswer>> {
  return answer('GET /api/egress', async () => {
    const params = parseEgressParams(parseQuery(search), defaultEnd(nowMs, ctx.config().cacheTtlMs));
    return onlyHosts(await getEgressReport(ctx.deps(), params), params.hostIds, params.end, params.windowSeconds);
  });
}
