import { handleJsonPost, handleValidateYaml } from '@/lib/api/handlers';

export const dynamic = 'force-dynamic';

export async function POST(request: Request): Promise<Response> {
  const { status, body } = await handleJsonPost(request, handleValidateYaml);
  return Response.json(body, { status, headers: { 'Cache-Control': 'no-store' } });
}
