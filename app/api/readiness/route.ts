import type { NextRequest } from 'next/server';
import { handleReadiness } from '@/lib/api/handlers/readiness';
import { otherMethods, respond } from '../respond';

export const dynamic = 'force-dynamic';

/** GET /api/readiness: what REGISTRY_ONLY would block, per namespace. */
export async function GET(request: NextRequest): Promise<Response> {
  return respond(await handleReadiness(request.nextUrl.search));
}

export const { POST, PUT, DELETE, PATCH, OPTIONS } = otherMethods('GET');
