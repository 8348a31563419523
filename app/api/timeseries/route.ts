import type { NextRequest } from 'next/server';
import { handleTimeseries } from '@/lib/api/handlers/timeseries';
import { otherMethods, respond } from '../respond';

export const dynamic = 'force-dynamic';

/** GET /api/timeseries: the rate over time behind a graph node or edge. */
export async function GET(request: NextRequest): Promise<Response> {
  return respond(await handleTimeseries(request.nextUrl.search));
}

export const { POST, PUT, DELETE, PATCH, OPTIONS } = otherMethods('GET');
