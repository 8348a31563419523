import { parseReadinessParams, type ReadinessReport, type ReadinessResources } from '../../readiness';
import { getReadiness } from '../../readiness/report';
import { answer, type ApiAnswer } from '../answer';
import { defaultEnd, serverContext, type ApiContext } from '../context';
import { parseQuery, type QueryInput } from '../query';

/** What GET /api/readiness answers: the report and the resources that go with it. */
export type ReadinessAnswer = ReadinessReport & ReadinessResources;

/**
 * GET /api/readiness: what REGISTRY_ONLY would block, per source namespace and for the mesh (window default 1h), with
 * the in-mesh calls each namespace makes, the Sidecars, the mesh-wide switch and the Telemetry that go with it.
 */
export function handleReadiness(search: QueryInput, nowMs = Date.now(), ctx: ApiContext = serverContext): Promise<ApiAnswer<ReadinessAnswer>> {
  return answer('GET /api/readiness', async () => {
    const config = ctx.config();
    const params = parseReadinessParams(parseQuery(search), defaultEnd(nowMs, config.cacheTtlMs));
    return getReadiness(ctx.deps(), params, config.istioRootNamespace);
  });
}
