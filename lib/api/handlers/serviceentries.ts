import { z } from 'zod';
import { acknowledgementRequiredMessage } from '../../promote/blocked';
import { reviewPromotion, type PromoteAnswer } from '../../promote/review';
import type { ValidationResult } from '../../resources';
import { DEFAULT_WINDOW } from '../../view/state';
import { answer, type ApiAnswer } from '../answer';
import { defaultEnd, serverContext, type ApiContext } from '../context';
import { ApiError, toErrorResponse, type ApiErrorBody } from '../errors';
import { unknownHostId } from '../host-id';
import { badBody, BODY_WORDING, describeIssues } from '../issues';
import { endOrNow } from '../params';
import { endParam, hostIdParam, hostParam, MAX_HOST_IDS, namespaceParam, windowParam } from '../params-schema';

export type { PromoteAnswer };

/** The window of a request that names none (seconds). */
const DEFAULT_WINDOW_SECONDS = windowParam.parse(DEFAULT_WINDOW);

/** The body of POST /api/serviceentries. Unknown fields are refused, so typos do not pass silently. */
export const promoteBodySchema = z
  .object({
    // Hosts as the API reports them, up to the longest Host header a mesh passes, so that a 10 kB one is refused for what it is.
    hosts: z.array(hostParam).max(MAX_HOST_IDS).default([]),
    // Reported hosts by their id (destination.hostId), found in the window's report.
    hostIds: z.array(hostIdParam).max(MAX_HOST_IDS).default([]),
    unattributed: z.enum(['passthrough', 'blocked']).optional(),
    namespace: namespaceParam.optional(),
    exportTo: z.array(z.string().min(1).max(253)).min(1).max(64).optional(),
    ports: z
      .array(z.object({ number: z.number().int(), protocol: z.string().min(1).max(32), name: z.string().max(63).optional() }).strict())
      .min(1)
      .max(32)
      .optional(),
    resolution: z.enum(['NONE', 'STATIC', 'DNS', 'DNS_ROUND_ROBIN', 'DYNAMIC_DNS']).optional(),
    egressGateway: z.boolean().optional(),
    /** The bundle's data plane; default: the callers'. */
    dataPlane: z.enum(['sidecar', 'ambient']).optional(),
    sidecar: z.boolean().optional(),
    wildcard: z.boolean().optional(),
    routeRules: z
      .object({
        timeout: z.string().regex(/^\d+(?:ms|s|m|h)$/, 'a duration such as 5s').optional(),
        retries: z.object({ attempts: z.number().int().min(0).max(20), perTryTimeout: z.string().regex(/^\d+(?:ms|s|m|h)$/).optional() }).strict().optional(),
      })
      .strict()
      .optional(),
    tcp: z.object({ address: z.string().min(1).max(64), port: z.number().int(), host: z.string().min(1).max(253).optional() }).strict().optional(),
    egressConfigNamespace: namespaceParam.optional(),
    // As the query parameters of the GET routes: unix seconds (a number or a string) or RFC 3339; a Prometheus duration.
    end: z
      .union([z.number(), z.string()], { error: 'must be unix seconds (a number) or an RFC 3339 time (a string)' })
      .transform(String)
      .pipe(endParam)
      .optional(),
    window: z.string({ error: 'must be a Prometheus duration (a string such as 1h)' }).pipe(windowParam).optional(),
    /** The approver reviewed the blocked attempts to these destinations and vouches for them (required when there were any). */
    acknowledgeBlocked: z.boolean().optional(),
  })
  .strict()
  .refine((b) => b.hosts.length > 0 || b.hostIds.length > 0 || b.unattributed !== undefined, { message: 'give at least one host, or hostId (or unattributed with tcp)', path: ['hosts'] });

export type PromoteBody = z.infer<typeof promoteBodySchema>;

/** Parses the JSON body; a malformed one is a 400 naming each bad field. */
export function parsePromoteBody(raw: unknown): PromoteBody {
  const parsed = promoteBodySchema.safeParse(raw);
  if (!parsed.success) throw badBody(describeIssues(parsed.error.issues, BODY_WORDING));
  return parsed.data;
}

/** The error answer for a bundle that does not validate: 400 with every issue. */
export function invalidBundle(answer: PromoteAnswer): ApiError & { validation: ValidationResult } {
  const first = answer.validation.errors[0];
  const err = new ApiError(400, 'invalid-resource', first ? `${first.kind}/${first.name} ${first.path}: ${first.message}` : 'the request cannot produce a valid resource');
  return Object.assign(err, { validation: answer.validation });
}

/** Reviews the destinations a body asks for (lib/promote/review.ts). */
async function promote(raw: unknown, nowMs: number, requestedBy: string | undefined, ctx: ApiContext): Promise<PromoteAnswer> {
  const { end, window, acknowledgeBlocked, hosts, hostIds, unattributed, ...options } = parsePromoteBody(raw);
  const config = ctx.config();
  let endSeconds: number;
  try {
    endSeconds = endOrNow(end, (raw as { end?: unknown }).end, defaultEnd(nowMs, config.cacheTtlMs));
  } catch (err) {
    // The future is a problem of the body's field.
    throw err instanceof ApiError && err.status === 400 ? new ApiError(400, 'bad-body', err.message) : err;
  }
  const windowSeconds = window ?? DEFAULT_WINDOW_SECONDS;
  return reviewPromotion(
    { deps: ctx.deps(), unknownHostId: (i, id) => unknownHostId(`hostIds.${i}`, id, endSeconds, windowSeconds) },
    { hosts, hostIds, unattributed, end: endSeconds, windowSeconds, acknowledgeBlocked: acknowledgeBlocked === true, options: { ...options, requestedBy, rootNamespace: config.istioRootNamespace } },
    new Date(nowMs),
  );
}

/** POST /api/serviceentries: generate and validate the resources for observed hosts (400 when they cannot be valid). */
export async function handlePromote(body: unknown, requestedBy?: string, nowMs = Date.now(), ctx: ApiContext = serverContext): Promise<ApiAnswer<PromoteAnswer>> {
  const result = await answer('POST /api/serviceentries', () => promote(body, nowMs, requestedBy, ctx));
  if (result.status === 200 && 'acknowledgement' in result.body && result.body.acknowledgement === 'required') {
    // The evidence and the blocked attempts travel with the refusal, so the review can show what to acknowledge.
    const err = new ApiError(400, 'blocked-unacknowledged', acknowledgementRequiredMessage(result.body.blocked));
    return { status: 400, body: { ...result.body, ...toErrorResponse(err).body } as unknown as ApiErrorBody };
  }
  if (result.status === 200 && 'validation' in result.body && result.body.validation.errors.length > 0) {
    const err = invalidBundle(result.body);
    // Everything generated travels with the errors, so the review can show the evidence and what is wrong.
    return { status: 400, body: { ...result.body, ...toErrorResponse(err).body } as unknown as ApiErrorBody };
  }
  return result;
}
