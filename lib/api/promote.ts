import { z } from 'zod';
import { getConfig } from '../config/env';
import { getEgressReport } from '../egress/report';
import { getTimeseries } from '../egress/timeseries';
import { gatherEvidence } from '../promote/evidence';
import { BACKEND_WARNING_PREFIX } from '../warnings';
import { generateBundle, parseAndValidateYaml, type GeneratedBundle, type PromoteOptions, type ValidationResult } from '../serviceentry';
import { defaultEnd, getEgressDeps, getRangeCache } from './context';
import { ApiError, badParameter } from './errors';
import { parseEnd, parseWindow } from './params';
import { MAX_HOST_LENGTH } from './timeseries-params';

const DNS1123_LABEL = /^[a-z0-9](?:[-a-z0-9]*[a-z0-9])?$/;
const namespace = z.string().max(63).regex(DNS1123_LABEL, 'a Kubernetes namespace name (lower-case letters, digits and -)');

/** The body of POST /api/serviceentries. Unknown fields are refused, so typos do not pass silently. */
export const promoteBodySchema = z
  .object({
    // Hosts up to the length the flows API can report, so that a 10 kB Host header is refused for what it is.
    hosts: z.array(z.string().min(1).max(MAX_HOST_LENGTH)).max(50).default([]),
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
    end: z.union([z.number(), z.string()]).optional(),
    window: z.string().optional(),
  })
  .strict()
  .refine((b) => b.hosts.length > 0 || b.unattributed !== undefined, { message: 'give at least one host (or unattributed with tcp)', path: ['hosts'] });

export type PromoteBody = z.infer<typeof promoteBodySchema>;

/** What POST /api/serviceentries answers; `warnings` are the backend's about the evidence (partial data). */
export type PromoteAnswer = GeneratedBundle & { readonly evidence: Awaited<ReturnType<typeof gatherEvidence>>; readonly warnings: string[] };

/** Parses the JSON body; a malformed one is a 400 naming each bad field. */
export function parsePromoteBody(raw: unknown): PromoteBody {
  const parsed = promoteBodySchema.safeParse(raw);
  if (!parsed.success) {
    throw new ApiError(400, 'bad-body', parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
  }
  return parsed.data;
}

/** Generates (and validates) the resources that register the requested destinations, from the evidence in the window. */
export async function promote(raw: unknown, nowMs: number, requestedBy?: string): Promise<PromoteAnswer> {
  const body = parsePromoteBody(raw);
  const config = getConfig();
  const end = parseEnd(body.end === undefined ? undefined : String(body.end), defaultEnd(nowMs, config.cacheTtlMs));
  const windowSeconds = parseWindow(body.window ?? '1h');
  const deps = getEgressDeps();
  const report = await getEgressReport(deps, { end, windowSeconds, namespaces: [] });
  const seriesWarnings: string[] = [];
  const evidence = await gatherEvidence(report, { hosts: body.hosts, unattributed: body.unattributed }, windowSeconds, (target) =>
    getTimeseries({ client: deps.client, cache: getRangeCache() }, { target, end, windowSeconds })
      .then((ts) => {
        seriesWarnings.push(...ts.warnings.filter((w) => w.startsWith(BACKEND_WARNING_PREFIX)));
        return ts;
      })
      .catch(() => null),
  );
  const options: PromoteOptions = {
    namespace: body.namespace,
    exportTo: body.exportTo,
    egressConfigNamespace: body.egressConfigNamespace,
    ports: body.ports,
    resolution: body.resolution,
    egressGateway: body.egressGateway,
    sidecar: body.sidecar,
    routeRules: body.routeRules,
    wildcard: body.wildcard,
    tcp: body.tcp,
    requestedBy,
  };
  return { ...generateBundle(evidence, options, new Date(nowMs)), evidence, warnings: [...new Set([...report.warnings, ...seriesWarnings])] };
}

/** The error answer for a bundle that does not validate: 400 with every issue. */
export function invalidBundle(answer: PromoteAnswer): ApiError & { validation: ValidationResult } {
  const first = answer.validation.errors[0];
  const err = new ApiError(400, 'invalid-resource', first ? `${first.kind}/${first.name} ${first.path}: ${first.message}` : 'the request cannot produce a valid resource');
  return Object.assign(err, { validation: answer.validation });
}

/** POST /api/serviceentries/validate: re-validates edited YAML. */
export function validateYamlBody(raw: unknown): ReturnType<typeof parseAndValidateYaml> {
  const parsed = z.object({ yaml: z.string().max(512 * 1024) }).strict().safeParse(raw);
  if (!parsed.success) throw badParameter('yaml', 'the body must be {"yaml": "<text up to 512 KiB>"}');
  return parseAndValidateYaml(parsed.data.yaml);
}
