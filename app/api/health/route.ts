import type { NextRequest } from 'next/server';
import { handleHealth } from '@/lib/api/handlers/health';
import { otherMethods, respond } from '../respond';

export const dynamic = 'force-dynamic';

/** GET /api/health: whether the backend answers a query (no parameters). */
export async function GET(request: NextRequest): Promise<Response> {
  return respond(await handleHealth(request.nextUrl.search));
}

export const { POST, PUT, DELETE, PATCH, OPTIONS } = otherMethods('GET');
