import { IDENTITY_HEADER } from '@/lib/auth/trusted-proxy';
import { handleJsonPost, handlePromote } from '@/lib/api/handlers';

export const dynamic = 'force-dynamic';

export async function POST(request: Request): Promise<Response> {
  // proxy.ts sets the identity header only for a user its trusted sign-in proxy vouched for.
  const requestedBy = request.headers.get(IDENTITY_HEADER) ?? undefined;
  const { status, body } = await handleJsonPost(request, (b) => handlePromote(b, requestedBy));
  return Response.json(body, { status, headers: { 'Cache-Control': 'no-store' } });
}
