/**
 * The options of a promote review (the options form), kept in the URL so a
 * review can be shared: every field round-trips through the query string.
 * Parsing is lenient (an unknown resolution or an over-long value falls back
 * to empty, so a hand-edited link still opens); writing leaves defaults out.
 */
import { z } from 'zod';
import { firstOr, flagOr, queryRecord } from '../api/params-schema';

/** ServiceEntry resolutions, in the order the form offers them. */
export const RESOLUTIONS = ['DNS', 'NONE', 'STATIC', 'DNS_ROUND_ROBIN', 'DYNAMIC_DNS'] as const;

/** The bundles the form offers; empty in the form: the callers' data plane. */
export const DATA_PLANE_BUNDLES = ['sidecar', 'ambient'] as const;

/** Options of the review, sent as the body of POST /api/serviceentries. */
export interface PromoteFormState {
  readonly namespace: string;
  readonly exportTo: string;
  readonly resolution: '' | (typeof RESOLUTIONS)[number];
  /** Which bundle: '' = what the callers are. */
  readonly dataPlane: '' | (typeof DATA_PLANE_BUNDLES)[number];
  readonly egressGateway: boolean;
  readonly sidecar: boolean;
  readonly wildcard: boolean;
  readonly timeout: string;
  readonly retries: string;
  readonly tcpAddress: string;
  readonly tcpPort: string;
  readonly tcpHost: string;
}

export const EMPTY_FORM: PromoteFormState = {
  namespace: '',
  exportTo: '',
  resolution: '',
  dataPlane: '',
  egressGateway: false,
  sidecar: false,
  wildcard: false,
  timeout: '',
  retries: '',
  tcpAddress: '',
  tcpPort: '',
  tcpHost: '',
};

type TextField = 'namespace' | 'exportTo' | 'timeout' | 'retries' | 'tcpAddress' | 'tcpPort' | 'tcpHost';
type FlagField = 'egressGateway' | 'sidecar' | 'wildcard';

/** The text options; each is a URL parameter of the same name. */
export const TEXT_OPTIONS: readonly TextField[] = ['namespace', 'exportTo', 'timeout', 'retries', 'tcpAddress', 'tcpPort', 'tcpHost'];
/** The checkbox options; each is a URL parameter of the same name, `1` when checked. */
export const FLAG_OPTIONS: readonly FlagField[] = ['egressGateway', 'sidecar', 'wildcard'];
/** Every URL parameter the options use. */
export const OPTION_PARAMS: readonly string[] = [...TEXT_OPTIONS, 'resolution', 'dataPlane', ...FLAG_OPTIONS];

/** Longest text option read from a URL (a comma-separated exportTo of long namespaces fits; the API bounds each field again). */
export const MAX_OPTION_TEXT = 2048;

/** A text option: kept when at most MAX_OPTION_TEXT long. */
const text = firstOr(z.string().max(MAX_OPTION_TEXT), '');

/** The options in the review's URL, each read leniently. */
const optionsUrl = z.object({
  namespace: text,
  exportTo: text,
  resolution: firstOr(z.enum(RESOLUTIONS), ''),
  dataPlane: firstOr(z.enum(DATA_PLANE_BUNDLES), ''),
  egressGateway: flagOr('1'),
  sidecar: flagOr('1'),
  wildcard: flagOr('1'),
  timeout: text,
  retries: text,
  tcpAddress: text,
  tcpPort: text,
  tcpHost: text,
}) satisfies z.ZodType<PromoteFormState, unknown>;

/** Reads the review's options from its URL. */
export function parsePromoteOptions(params: URLSearchParams): PromoteFormState {
  return optionsUrl.parse(queryRecord(params));
}

/** Writes the options into a copy of `params` (other parameters kept), leaving empty fields and unchecked boxes out. */
export function writePromoteOptions(options: PromoteFormState, params: URLSearchParams = new URLSearchParams()): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const k of OPTION_PARAMS) next.delete(k);
  for (const k of TEXT_OPTIONS) if (options[k] !== '') next.set(k, options[k]);
  if (options.resolution !== '') next.set('resolution', options.resolution);
  if (options.dataPlane !== '') next.set('dataPlane', options.dataPlane);
  for (const k of FLAG_OPTIONS) if (options[k]) next.set(k, '1');
  return next;
}

/** The request body for the options (empty fields are left to the generator's least-privilege defaults). */
export function toBody(
  hosts: readonly string[],
  unattributed: string | undefined,
  window: string,
  end: number | undefined,
  f: PromoteFormState,
  acknowledgeBlocked = false,
): Record<string, unknown> {
  const exportTo = f.exportTo.split(',').map((s) => s.trim()).filter(Boolean);
  const retries = f.retries.trim() === '' ? undefined : Number(f.retries);
  return {
    hosts,
    ...(unattributed ? { unattributed } : {}),
    window,
    ...(end ? { end } : {}),
    ...(f.namespace.trim() ? { namespace: f.namespace.trim() } : {}),
    ...(exportTo.length ? { exportTo } : {}),
    ...(f.resolution ? { resolution: f.resolution } : {}),
    ...(f.dataPlane ? { dataPlane: f.dataPlane } : {}),
    ...(f.egressGateway ? { egressGateway: true } : {}),
    ...(f.sidecar ? { sidecar: true } : {}),
    ...(f.wildcard ? { wildcard: true } : {}),
    ...(f.timeout.trim() || retries !== undefined
      ? { routeRules: { ...(f.timeout.trim() ? { timeout: f.timeout.trim() } : {}), ...(retries !== undefined ? { retries: { attempts: retries } } : {}) } }
      : {}),
    ...(unattributed && (f.tcpAddress.trim() || f.tcpPort.trim())
      ? { tcp: { address: f.tcpAddress.trim(), port: Number(f.tcpPort), ...(f.tcpHost.trim() ? { host: f.tcpHost.trim() } : {}) } }
      : {}),
    ...(acknowledgeBlocked ? { acknowledgeBlocked: true } : {}),
  };
}
