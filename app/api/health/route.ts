import { handleHealth } from '@/lib/api/handlers';

export const dynamic = 'force-dynamic';

export async function GET(): Promise<Response> {
  const { status, body } = await handleHealth();
  return Response.json(body, { status, headers: { 'Cache-Control': 'no-store' } });
}
