import { handleReadyz } from '@/lib/api/handlers/readyz';
import { otherMethods } from '../respond';

export const dynamic = 'force-dynamic';

/** Readiness probe: the configuration is valid; never queries Prometheus. */
export function GET(): Response {
  const { status, body } = handleReadyz();
  return Response.json(body, { status, headers: { 'Cache-Control': 'no-store' } });
}

export const { POST, PUT, DELETE, PATCH, OPTIONS } = otherMethods('GET');
