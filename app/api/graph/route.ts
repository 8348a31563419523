import type { NextRequest } from 'next/server';
import { handleGraph } from '@/lib/api/handlers/graph';
import { otherMethods, respond } from '../respond';

export const dynamic = 'force-dynamic';

/** GET /api/graph: the egress graph (nodes and edges) of a window. */
export async function GET(request: NextRequest): Promise<Response> {
  return respond(await handleGraph(request.nextUrl.search));
}

export const { POST, PUT, DELETE, PATCH, OPTIONS } = otherMethods('GET');
