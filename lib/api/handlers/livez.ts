/**
 * Kubernetes probes (livez.ts, readyz.ts). Neither queries Prometheus: every
 * replica shares the same Prometheus, so a probe that followed it would take
 * all of them out of the Service together (readiness) or restart them in a
 * loop (liveness), and users would get a connection error instead of the
 * dashboard's own "Prometheus unreachable, retrying" banner. /api/health
 * reports the backend instead.
 */
import type { ApiAnswer } from '../answer';

/** What GET /api/livez and GET /api/readyz answer when all is well. */
export interface ProbeBody {
  readonly status: 'ok';
}

/** GET /api/livez: the server answers. Depends on nothing, so only a hung process fails it. */
export function handleLivez(): ApiAnswer<ProbeBody> {
  return { status: 200, body: { status: 'ok' } };
}
