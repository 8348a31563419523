import { handleAlertRules } from '@/lib/api/handlers/alert-rules';
import { handleJsonPost } from '@/lib/api/answer';
import { otherMethods, respond } from '../respond';

export const dynamic = 'force-dynamic';

/** POST /api/alert-rules: the body is the generator's options (JSON); answers { rulesFile, prometheusRule, warnings }. */
export async function POST(request: Request): Promise<Response> {
  return respond(await handleJsonPost(request, (b) => handleAlertRules(b)));
}

export const { GET, PUT, DELETE, PATCH, OPTIONS } = otherMethods('POST');
