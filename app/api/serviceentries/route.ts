import { IDENTITY_HEADER } from '@/lib/auth/trusted-proxy';
import { handleJsonPost } from '@/lib/api/answer';
import { handlePromote } from '@/lib/api/handlers/serviceentries';
import { otherMethods, respond } from '../respond';

export const dynamic = 'force-dynamic';

/** POST /api/serviceentries: the resources that would register observed egress. */
export async function POST(request: Request): Promise<Response> {
  // proxy.ts sets the identity header only for a user its trusted sign-in proxy vouched for.
  const requestedBy = request.headers.get(IDENTITY_HEADER) ?? undefined;
  return respond(await handleJsonPost(request, (b) => handlePromote(b, requestedBy)));
}

export const { GET, PUT, DELETE, PATCH, OPTIONS } = otherMethods('POST');
