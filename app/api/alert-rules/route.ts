import { handleAlertRules, handleJsonPost } from '@/lib/api/handlers';

export const dynamic = 'force-dynamic';

/** POST /api/alert-rules: the body is the generator's options (JSON); answers { rulesFile, prometheusRule, warnings }. */
export async function POST(request: Request): Promise<Response> {
  const { status, body } = await handleJsonPost(request, (b) => handleAlertRules(b));
  return Response.json(body, { status, headers: { 'Cache-Control': 'no-store' } });
}
