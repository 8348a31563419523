/** Edge health, with Kiali's default thresholds. */
export type Health = 'healthy' | 'degraded' | 'failing' | 'idle';
export const HEALTHS: readonly Health[] = ['healthy', 'degraded', 'failing', 'idle'];

/**
 * Health of HTTP/gRPC traffic from its response codes (requests per second by
 * code). Kiali's defaults: any 5xx or no response ("0", "-") is degraded and
 * 10% is failing; 4xx is degraded from 10% and failing from 20%; 3xx is never
 * an error. No traffic at all is idle.
 */
export function httpHealth(responses: Readonly<Record<string, number>>): { health: Health; errorRatio: number } {
  let total = 0;
  let server = 0;
  let client = 0;
  for (const [code, rate] of Object.entries(responses)) {
    total += rate;
    if (/^5\d\d$/.test(code) || code === '0' || code === '-') server += rate;
    else if (/^4\d\d$/.test(code)) client += rate;
  }
  if (total <= 0) return { health: 'idle', errorRatio: 0 };
  const serverRatio = server / total;
  const clientRatio = client / total;
  const errorRatio = (server + client) / total;
  if (serverRatio >= 0.1 || clientRatio >= 0.2) return { health: 'failing', errorRatio };
  if (serverRatio > 0 || clientRatio >= 0.1) return { health: 'degraded', errorRatio };
  return { health: 'healthy', errorRatio };
}
