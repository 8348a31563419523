/** Schemas of the POST answers: /api/serviceentries, /api/serviceentries/validate and /api/alert-rules. */
import { z } from 'zod';
import { apiErrorBodySchema, dataPlane, duration, egressProtocol, egressStatus, jsonObject, port, rate, strings, time } from './common';

const validationIssue = z.object({ doc: z.number().int().min(-1), kind: z.string(), name: z.string(), path: z.string(), message: z.string() });

/** lib/resources/types.ts ValidationResult. */
export const validationResultSchema = z.object({ errors: z.array(validationIssue), warnings: z.array(validationIssue) });

const seen = { firstSeen: time.optional(), lastSeen: time.optional() };

/** lib/resources/types.ts HostEvidence. */
const hostEvidence = z.object({
  host: z.string().nullable(),
  status: egressStatus,
  protocols: z.array(egressProtocol),
  ports: z.array(port),
  ip: z.boolean().optional(),
  callers: z.array(z.object({ namespace: z.string(), workload: z.string(), ratePerSecond: rate })),
  serviceEntryNamespace: z.string().optional(),
  ratePerSecond: rate,
  ...seen,
  window: duration,
  end: time,
  queries: strings,
  dataPlanes: z.array(dataPlane).optional(),
});

/** lib/resources/types.ts BlockedCaution. */
const blockedCaution = z.object({
  host: z.string().nullable(),
  sources: z.array(z.object({ namespace: z.string(), workload: z.string(), attempts: rate, ...seen })),
  attempts: rate,
  ...seen,
  window: duration,
  end: time,
});

/** POST /api/serviceentries (lib/api/promote.ts PromoteAnswer: GeneratedBundle and the evidence). */
export const promoteAnswerSchema = z.object({
  dataPlane,
  callersDataPlane: dataPlane,
  objects: z.array(jsonObject),
  yaml: z.string(),
  validation: validationResultSchema,
  notes: strings,
  companions: z.array(z.object({ set: z.string(), reason: z.string(), hosts: strings, missing: strings })),
  wildcardOffers: z.array(z.object({ domain: z.string(), hosts: strings, explanation: z.string() })),
  skipped: z.array(z.object({ host: z.string(), reason: z.string(), serviceEntryNamespace: z.string().optional() })),
  evidence: z.array(hostEvidence),
  warnings: strings,
  blocked: z.array(blockedCaution),
  acknowledgement: z.enum(['not-needed', 'required', 'given']),
  range: z.object({ window: duration, end: time }),
});

/** An error body that claims to carry the review (`evidence`) must carry all of it. */
const bareError = z.custom<unknown>((v) => !(typeof v === 'object' && v !== null && 'evidence' in v), 'expected the whole answer beside the error').pipe(apiErrorBodySchema);

/**
 * A 4xx of POST /api/serviceentries: the error with everything generated
 * (invalid-resource, blocked-unacknowledged), or the error alone (bad-body,
 * unknown-host).
 */
export const promoteRefusalSchema = z.union([promoteAnswerSchema.extend(apiErrorBodySchema.shape), bareError]);

/** POST /api/serviceentries/validate (lib/api/promote.ts ValidateAnswer). */
export const validateAnswerSchema = z.object({ objects: z.array(jsonObject), validation: validationResultSchema });

/** POST /api/alert-rules (lib/api/handlers.ts AlertRulesAnswer). */
export const alertRulesAnswerSchema = z.object({ rulesFile: z.string(), prometheusRule: z.string(), warnings: strings });
