import type { NextRequest } from 'next/server';
import { handleBlocked } from '@/lib/api/handlers/blocked';
import { otherMethods, respond } from '../respond';

export const dynamic = 'force-dynamic';

/** GET /api/blocked: blocked egress attempts over a window. */
export async function GET(request: NextRequest): Promise<Response> {
  return respond(await handleBlocked(request.nextUrl.search));
}

export const { POST, PUT, DELETE, PATCH, OPTIONS } = otherMethods('GET');
