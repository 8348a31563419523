import type { NextRequest } from 'next/server';
import { handleHosts } from '@/lib/api/handlers/hosts';
import { otherMethods, respond } from '../respond';

export const dynamic = 'force-dynamic';

/** GET /api/hosts: the external hosts of a window. */
export async function GET(request: NextRequest): Promise<Response> {
  return respond(await handleHosts(request.nextUrl.search));
}

export const { POST, PUT, DELETE, PATCH, OPTIONS } = otherMethods('GET');
