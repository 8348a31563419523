import type { NextRequest } from 'next/server';
import { handleInventory } from '@/lib/api/handlers';

export const dynamic = 'force-dynamic';

export async function GET(request: NextRequest): Promise<Response> {
  const { status, body } = await handleInventory(request.nextUrl.searchParams);
  return Response.json(body, { status, headers: { 'Cache-Control': 'no-store' } });
}
