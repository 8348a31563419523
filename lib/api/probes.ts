/**
 * Kubernetes probes. Neither queries Prometheus: every replica shares the same
 * Prometheus, so a probe that followed it would take all of them out of the
 * Service together (readiness) or restart them in a loop (liveness), and users
 * would get a connection error instead of the dashboard's own "Prometheus
 * unreachable, retrying" banner. /api/health reports the backend instead.
 */
import { loadTrustedProxyAuth } from '../auth/trusted-proxy';
import { ConfigError, getConfig } from '../config/env';
import { toErrorResponse, type ApiErrorBody } from './errors';
import type { ApiAnswer } from './handlers';

export interface ProbeBody {
  readonly status: 'ok';
}

/** GET /api/livez: the server answers. Depends on nothing, so only a hung process fails it. */
export function handleLivez(): ApiAnswer<ProbeBody> {
  return { status: 200, body: { status: 'ok' } };
}

/** The configuration and the sign-in settings (which proxy.ts would otherwise reject every request over). */
function loadEverything(): void {
  getConfig();
  try {
    loadTrustedProxyAuth(process.env);
  } catch (err) {
    throw new ConfigError([err instanceof Error ? err.message : String(err)]);
  }
}

/**
 * GET /api/readyz: the configuration and the sign-in settings are valid (503
 * naming every bad variable otherwise), so a rollout with a broken ConfigMap
 * or a missing token file never replaces pods that work. No network access.
 */
export function handleReadyz(load: () => unknown = loadEverything): ApiAnswer<ProbeBody> {
  try {
    load();
    return { status: 200, body: { status: 'ok' } };
  } catch (err) {
    const mapped = toErrorResponse(err);
    console.error('[egress-lens] GET /api/readyz: not ready:', err instanceof Error ? err.message : err);
    return { status: 503, body: mapped.body satisfies ApiErrorBody };
  }
}
