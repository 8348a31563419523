import { handleJsonPost } from '@/lib/api/answer';
import { handleValidateYaml } from '@/lib/api/handlers/serviceentries-validate';
import { otherMethods, respond } from '../../respond';

export const dynamic = 'force-dynamic';

/** POST /api/serviceentries/validate: re-validates edited YAML ({"yaml": "..."}). */
export async function POST(request: Request): Promise<Response> {
  return respond(await handleJsonPost(request, handleValidateYaml));
}

export const { GET, PUT, DELETE, PATCH, OPTIONS } = otherMethods('POST');
