/**
 * Building blocks of the answer schemas: what every /api/* answer means by a
 * rate, a time, a port, a status. Plain z.object schemas strip fields they do
 * not know instead of failing, so an answer from a newer server still parses
 * (forward compatible); what they know is checked as the contract says.
 */
import { z } from 'zod';
import { DATA_PLANES, EGRESS_PROTOCOLS, EGRESS_STATUSES } from '../../egress/types';
import { HOST_ID } from '../../egress/host-id';

// In the browser, zod must not compile its parsers with `new Function`: the CSP (lib/http/headers.ts) has no
// 'unsafe-eval', and even zod's caught probe for it is reported as a securitypolicyviolation. Set before any
// schema is built (each captures the setting when it is built). The server keeps the compiled parsers.
if (typeof window !== 'undefined') z.config({ jitless: true });

/** A per-second rate or a count over a window: finite (JSON has no Infinity or NaN) and never negative. */
export const rate = z.number().nonnegative();
/** A whole count (hosts folded, workloads a group stands for). */
export const count = z.number().int().nonnegative();
/** A port carried in a Host header (a value outside 1-65535 is no port and is never reported). */
export const port = z.number().int().min(1).max(65535);
/** An RFC 3339 time, as the API writes them (`toISOString()`; an offset is accepted too). */
export const time = z.iso.datetime({ offset: true });
/** A Prometheus duration such as `10m` or `1h30m`. */
export const duration = z.string().regex(/^(?:\d+(?:ms|[smhdwy]))+$/, 'expected a Prometheus duration such as 10m');
/** A reported host's id (lib/egress/host-id.ts). */
export const hostId = z.string().regex(HOST_ID, 'expected a host id (h_ and 22 base64url characters)');

export const egressStatus = z.enum(EGRESS_STATUSES);
export const egressProtocol = z.enum(EGRESS_PROTOCOLS);
export const dataPlane = z.enum(DATA_PLANES);
export const strings = z.array(z.string());

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Rates by a label value (response code, response flag). Checked entry by
 * entry and kept as received: zod's record copies into a fresh object, where
 * a label value such as `__proto__` would be lost.
 */
export const rateByLabel = z.custom<Record<string, number>>(isObject, 'expected an object of rates').superRefine((value, ctx) => {
  for (const [key, v] of Object.entries(value)) {
    // What `rate` checks, without a parse per value (an answer holds thousands of these records).
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) ctx.addIssue({ code: 'custom', message: 'expected a non-negative number', path: [key], input: v });
  }
});

/** A JSON object whose content is not checked here (a generated Kubernetes object), kept as received. */
export const jsonObject = z.custom<Record<string, unknown>>(isObject, 'expected an object');

/** The body of every error answer (lib/api/errors.ts ApiErrorBody). */
export const apiErrorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), hint: z.string().optional() }),
});

/** What proxy.ts answers an /api/* request that did not come through the sign-in proxy (401): the message as `error`. */
export const signInRefusalSchema = z.object({ error: z.string(), kind: z.literal('unauthenticated') });
