import type { NextRequest } from 'next/server';
import { handleEgress } from '@/lib/api/handlers/egress';
import { otherMethods, respond } from '../respond';

export const dynamic = 'force-dynamic';

/** GET /api/egress: classified egress flows of a window. */
export async function GET(request: NextRequest): Promise<Response> {
  return respond(await handleEgress(request.nextUrl.search));
}

export const { POST, PUT, DELETE, PATCH, OPTIONS } = otherMethods('GET');
