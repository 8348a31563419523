import { sharedIstioDataRange, type IstioDataRange } from '../../egress/data-range';
import { answer, type ApiAnswer } from '../answer';
import { serverContext, type ApiContext } from '../context';
import { parseQuery, rejectUnknownParams, type QueryInput } from '../query';

/** What GET /api/health answers. */
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
