import { handleJsonPost, handlePromote } from '@/lib/api/handlers';

export const dynamic = 'force-dynamic';

export async function POST(request: Request): Promise<Response> {
  const { status, body } = await handleJsonPost(request, (b) => handlePromote(b));
  return Response.json(body, { status, headers: { 'Cache-Control': 'no-store' } });
}
