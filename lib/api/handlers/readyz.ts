import { loadTrustedProxyAuth } from '../../auth/trusted-proxy';
import { ConfigError, getConfig } from '../../config/env';
import type { ApiAnswer } from '../answer';
import { toErrorResponse, type ApiErrorBody } from '../errors';
import type { ProbeBody } from './livez';

export type { ProbeBody };

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
 * or a missing token file never replaces pods that work. No network access
 * (livez.ts says why).
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
