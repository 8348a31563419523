import { z } from 'zod';
import { MAX_HOST_LENGTH } from '../egress/host';
import { HOST_ID } from '../egress/host-id';
import { getEgressReport } from '../egress/report';
import { getTimeseries } from '../egress/timeseries';
import { blockedCautions } from '../promote/blocked';
import { gatherEvidence } from '../promote/evidence';
import { getBlockedReport } from '../security/blocked';
import { callersDataPlane as callersDataPlaneOf } from '../serviceentry/ambient-bundle';
import type { BlockedCaution } from '../serviceentry/types';
import { DEFAULT_WINDOW } from '../view/state';
import { BACKEND_WARNING_PREFIX } from '../warnings';
import { generateBundle, parseAndValidateYamlInSlices, YamlRefusedError, type GeneratedBundle, type PromoteOptions, type ValidationResult } from '../serviceentry';
import { MAX_VALIDATE_YAML_CHARS } from './body';
import { defaultEnd, serverContext, type ApiContext } from './context';
import { ApiError } from './errors';
import { describeIssues, joinIssues } from './issues';
import { createLimiter } from './limiter';
import { parseEnd, parseWindow } from './params';
import { hostsById, MAX_HOST_IDS, unknownHostId } from './host-id';

const DNS1123_LABEL = /^[a-z0-9](?:[-a-z0-9]*[a-z0-9])?$/;
const namespace = z.string().max(63).regex(DNS1123_LABEL, 'a Kubernetes namespace name (lower-case letters, digits and -)');

/** The body of POST /api/serviceentries. Unknown fields are refused, so typos do not pass silently. */
export const promoteBodySchema = z
  .object({
    // Hosts up to the longest host the API takes, so that a 10 kB Host header is refused for what it is; longer ones by hostIds.
    hosts: z.array(z.string().min(1).max(MAX_HOST_LENGTH)).max(MAX_HOST_IDS).default([]),
    // Reported hosts by their id (destination.hostId), found in the window's report.
    hostIds: z.array(z.string().regex(HOST_ID, 'a host id (h_ and 22 base64url characters, as /api/egress reports destination.hostId)')).max(MAX_HOST_IDS).default([]),
    unattributed: z.enum(['passthrough', 'blocked']).optional(),
    namespace: namespace.optional(),
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
    egressConfigNamespace: namespace.optional(),
    end: z.union([z.number(), z.string()], { error: 'must be unix seconds (a number) or an RFC 3339 time (a string)' }).optional(),
    window: z.string().max(64).optional(),
    /** The approver reviewed the blocked attempts to these destinations and vouches for them (required when there were any). */
    acknowledgeBlocked: z.boolean().optional(),
  })
  .strict()
  .refine((b) => b.hosts.length > 0 || b.hostIds.length > 0 || b.unattributed !== undefined, { message: 'give at least one host, or hostId (or unattributed with tcp)', path: ['hosts'] });

export type PromoteBody = z.infer<typeof promoteBodySchema>;

/**
 * What POST /api/serviceentries answers; `warnings` are the backend's about
 * the evidence (partial data). `blocked`: the destinations blocked in the
 * window; while they are not acknowledged (`acknowledgement: 'required'`)
 * nothing is generated. `range`: the window and end the evidence is from.
 */
export type PromoteAnswer = GeneratedBundle & {
  readonly evidence: Awaited<ReturnType<typeof gatherEvidence>>;
  readonly warnings: string[];
  readonly blocked: BlockedCaution[];
  readonly acknowledgement: 'not-needed' | 'required' | 'given';
  readonly range: { readonly window: string; readonly end: string };
};

const BODY_WORDING = { root: 'body', unknownKey: 'unknown field' } as const;

/** A 400 about the body, naming each bad field. */
export function badBody(problems: readonly string[]): ApiError {
  return new ApiError(400, 'bad-body', joinIssues(problems));
}

/** Parses the JSON body; a malformed one is a 400 naming each bad field. */
export function parsePromoteBody(raw: unknown): PromoteBody {
  const parsed = promoteBodySchema.safeParse(raw);
  if (!parsed.success) throw badBody(describeIssues(parsed.error.issues, BODY_WORDING));
  return parsed.data;
}

/** Runs a parameter parser on a body field: its 400 names the field and counts as a bad body. */
function bodyField<T>(parse: () => T): T {
  try {
    return parse();
  } catch (err) {
    if (err instanceof ApiError && err.status === 400) throw new ApiError(400, 'bad-body', err.message);
    throw err;
  }
}

/** Generates (and validates) the resources that register the requested destinations, from the evidence in the window. */
export async function promote(raw: unknown, nowMs: number, requestedBy?: string, ctx: ApiContext = serverContext): Promise<PromoteAnswer> {
  const body = parsePromoteBody(raw);
  const config = ctx.config();
  const end = bodyField(() => parseEnd(body.end === undefined ? undefined : String(body.end), defaultEnd(nowMs, config.cacheTtlMs)));
  const windowSeconds = bodyField(() => parseWindow(body.window ?? DEFAULT_WINDOW));
  const deps = ctx.deps();
  // The blocked attempts come from the same report (and caches) as GET /api/blocked.
  const [report, blockedReport] = await Promise.all([
    getEgressReport(deps, { end, windowSeconds, namespaces: [] }),
    getBlockedReport(deps, end, windowSeconds),
  ]);
  const reported = hostsById(report);
  const named = body.hostIds.map((id, i) => {
    const host = reported.get(id);
    if (host === undefined) throw unknownHostId(`hostIds.${i}`, id, end, windowSeconds);
    return host;
  });
  const hosts = [...new Set([...body.hosts, ...named])];
  const seriesWarnings: string[] = [];
  const evidence = await gatherEvidence(report, { hosts, unattributed: body.unattributed }, windowSeconds, (target) =>
    getTimeseries({ client: deps.client, caches: deps.caches, ...(report.outboundMode ? { ruleContext: report.outboundMode } : {}) }, { target, end, windowSeconds })
      .then((ts) => {
        seriesWarnings.push(...ts.warnings.filter((w) => w.startsWith(BACKEND_WARNING_PREFIX)));
        return ts;
      })
      .catch(() => null),
  );
  const blocked = blockedCautions(blockedReport, evidence);
  const warnings = [...new Set([...report.warnings, ...blockedReport.warnings, ...seriesWarnings])];
  const range = { window: blockedReport.window, end: blockedReport.end };
  if (blocked.length > 0 && body.acknowledgeBlocked !== true) {
    // Nothing is generated for a blocked destination until someone vouches for it.
    const callersDataPlane = callersDataPlaneOf(evidence);
    const nothing = { dataPlane: body.dataPlane ?? callersDataPlane, callersDataPlane, objects: [], yaml: '', validation: { errors: [], warnings: [] }, notes: [], companions: [], wildcardOffers: [], skipped: [] };
    return { ...nothing, evidence, warnings, blocked, acknowledgement: 'required', range };
  }
  const acknowledged = blocked.length > 0;
  const options: PromoteOptions = {
    namespace: body.namespace,
    exportTo: body.exportTo,
    egressConfigNamespace: body.egressConfigNamespace,
    ports: body.ports,
    resolution: body.resolution,
    egressGateway: body.egressGateway,
    dataPlane: body.dataPlane,
    sidecar: body.sidecar,
    routeRules: body.routeRules,
    wildcard: body.wildcard,
    tcp: body.tcp,
    requestedBy,
    rootNamespace: config.istioRootNamespace,
    ...(acknowledged ? { blockedAcknowledgement: { by: requestedBy || 'anonymous', at: new Date(nowMs).toISOString(), cautions: blocked } } : {}),
  };
  return { ...generateBundle(evidence, options, new Date(nowMs)), evidence, warnings, blocked, acknowledgement: acknowledged ? 'given' : 'not-needed', range };
}

/** The error answer for a bundle that does not validate: 400 with every issue. */
export function invalidBundle(answer: PromoteAnswer): ApiError & { validation: ValidationResult } {
  const first = answer.validation.errors[0];
  const err = new ApiError(400, 'invalid-resource', first ? `${first.kind}/${first.name} ${first.path}: ${first.message}` : 'the request cannot produce a valid resource');
  return Object.assign(err, { validation: answer.validation });
}

export { MAX_VALIDATE_YAML_CHARS };

const validateBodySchema = z.strictObject(
  { yaml: z.string({ error: (i) => (i.input === undefined ? 'required: the text to validate' : 'must be a string (the YAML text)') }).max(MAX_VALIDATE_YAML_CHARS, 'longer than 512 KiB; split it into smaller bundles') },
  { error: (i) => (i.code === 'invalid_type' ? 'must be a JSON object {"yaml": "<text up to 512 KiB>"}' : undefined) },
);

/** What POST /api/serviceentries/validate answers. */
export type ValidateAnswer = Awaited<ReturnType<typeof parseAndValidateYamlInSlices>>;

/** YAML texts read at a time (each holds up to ~50 MB while it is read), and how many may wait for their turn. */
export const YAML_READERS = { slots: 1, maxWaiting: 32 } as const;
const yamlReaders = createLimiter(YAML_READERS.slots, YAML_READERS.maxWaiting);

/**
 * POST /api/serviceentries/validate: re-validates edited YAML, giving the
 * event loop a turn while it reads, one text at a time (503 busy when too
 * many wait). YAML over a limit (nodes, aliases, keys, depth, documents) or
 * with a circular alias is a 400 naming what is wrong.
 */
export async function validateYamlBody(raw: unknown): Promise<ValidateAnswer> {
  const parsed = validateBodySchema.safeParse(raw);
  if (!parsed.success) throw badBody(describeIssues(parsed.error.issues, BODY_WORDING));
  const busy = () => new ApiError(503, 'busy', `yaml: ${YAML_READERS.maxWaiting} texts are already waiting to be validated; retry in a few seconds`);
  try {
    return await yamlReaders.run(() => parseAndValidateYamlInSlices(parsed.data.yaml), busy);
  } catch (err) {
    if (err instanceof YamlRefusedError) throw badBody([`yaml: ${err.message}`]);
    throw err;
  }
}
