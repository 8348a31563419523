import { z } from 'zod';
import { checkAnswer, promoteAnswerSchema, promoteRefusalSchema, validateAnswerSchema } from '@/lib/api/answers';
import type { ValidationResult } from '@/lib/resources/types';
import { badAnswerError, fetchApi, postJson, readAnswer, readJson, toApiRequestError } from '../queries';

const PROMOTE = '/api/serviceentries';

export type PromoteAnswer = z.output<typeof promoteAnswerSchema>;
/** A 4xx of POST /api/serviceentries: the error, with everything generated when the request got that far. */
export type PromoteRefusal = z.output<typeof promoteRefusalSchema>;

/**
 * POST /api/serviceentries: the review (200), or its refusal (4xx), each
 * checked with its schema. A failing backend (5xx, or no JSON with a 4xx) and
 * an answer that is not what the page expects throw ApiRequestError; a request
 * that does not reach the server throws networkError().
 */
export async function postPromote(body: string): Promise<PromoteAnswer | PromoteRefusal> {
  const res = await fetchApi(PROMOTE, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
  if (res.ok || res.status >= 500) return readAnswer(res, PROMOTE, promoteAnswerSchema);
  const read = await readJson(res, PROMOTE);
  if (!('json' in read)) throw toApiRequestError(res.status, null);
  const checked = checkAnswer(promoteRefusalSchema, PROMOTE, read.json);
  if (!checked.ok) throw badAnswerError(res.status, checked.message);
  return checked.value;
}

/** The review of a 200 or of a refusal that carries it (invalid-resource, blocked-unacknowledged). */
export function reviewOf(answer: PromoteAnswer | PromoteRefusal | undefined): PromoteAnswer | undefined {
  return answer && 'evidence' in answer ? answer : undefined;
}

/** POST /api/serviceentries/validate: the result for edited YAML; a refusal or a failure as one error the editor shows. */
export function validateYaml(yaml: string): Promise<ValidationResult> {
  return postJson(`${PROMOTE}/validate`, JSON.stringify({ yaml }), validateAnswerSchema).then(
    (answer) => answer.validation,
    (err: unknown) => ({ errors: [{ doc: 0, kind: 'YAML', name: '', path: '', message: err instanceof Error ? err.message : 'invalid' }], warnings: [] }),
  );
}

const serviceEntry = z.object({ kind: z.literal('ServiceEntry'), spec: z.object({ hosts: z.array(z.string()) }) });

/** The hosts of the bundle's ServiceEntries (the bundle's file is named after them). */
export function serviceEntryHosts(objects: readonly Record<string, unknown>[]): string[] {
  return objects.flatMap((o) => {
    const se = serviceEntry.safeParse(o);
    return se.success ? se.data.spec.hosts : [];
  });
}
