import { handleJsonPost, handlePromote } from '@/lib/api/handlers';
import { otherMethods, respond } from '../respond';

export const dynamic = 'force-dynamic';

/** POST /api/serviceentries: the resources that would register observed egress. */
export async function POST(request: Request): Promise<Response> {
  return respond(await handleJsonPost(request, (b) => handlePromote(b)));
}

export const { GET, PUT, DELETE, PATCH, OPTIONS } = otherMethods('POST');
