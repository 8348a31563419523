import { handleReadyz } from '@/lib/api/probes';

export const dynamic = 'force-dynamic';

/** Readiness probe: the configuration is valid; never queries Prometheus. */
export function GET(): Response {
  const { status, body } = handleReadyz();
  return Response.json(body, { status, headers: { 'Cache-Control': 'no-store' } });
}
