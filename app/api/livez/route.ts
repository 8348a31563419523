import { handleLivez } from '@/lib/api/handlers/livez';
import { otherMethods } from '../respond';

export const dynamic = 'force-dynamic';

/** Liveness probe: never depends on Prometheus or the configuration. */
export function GET(): Response {
  const { status, body } = handleLivez();
  return Response.json(body, { status, headers: { 'Cache-Control': 'no-store' } });
}

export const { POST, PUT, DELETE, PATCH, OPTIONS } = otherMethods('GET');
