import type { NextRequest } from 'next/server';
import { handleReadiness } from '@/lib/api/handlers';

export const dynamic = 'force-dynamic';

export async function GET(request: NextRequest): Promise<Response> {
  const { status, body } = await handleReadiness(request.nextUrl.searchParams);
  return Response.json(body, { status, headers: { 'Cache-Control': 'no-store' } });
}
