import type { TimeseriesDestination, TimeseriesQuery } from '../egress/timeseries';
import type { EgressProtocol, WorkloadRef } from '../egress/types';
import { badParameter } from './errors';
import { parseEnd, parseWindow } from './params';
import { rejectUnknownParams, show, single } from './query';

/** Default window of a chart (the flows default, 5m, is too short to show a trend). */
export const DEFAULT_CHART_WINDOW_SECONDS = 3600;
/**
 * Longest host accepted: Host headers are data, not DNS names, but stay
 * bounded. 16 KiB is VictoriaMetrics' default -maxLabelValueLen, so every host
 * /api/egress can report has a chart (a 10 kB Host header passes Envoy, whose
 * default header limit is 60 KiB).
 */
export const MAX_HOST_LENGTH = 16 * 1024;

const ALLOWED = ['kind', 'status', 'host', 'protocol', 'source', 'via', 'end', 'window'] as const;
const KINDS = ['host', 'edge'] as const;
const STATUSES = ['passthrough', 'blocked', 'registered'] as const;
const PROTOCOLS = ['http', 'grpc', 'tcp'] as const satisfies readonly EgressProtocol[];

const DNS1123_LABEL = /^[a-z0-9](?:[-a-z0-9]*[a-z0-9])?$/;
const WORKLOAD_NAME = /^[a-z0-9](?:[-a-z0-9.]*[a-z0-9])?$/;

export interface TimeseriesParamOptions {
  /** Whether a workload is an egress gateway (EGRESS_GATEWAY_WORKLOADS); `via` must name one. */
  readonly isGateway?: (workload: string) => boolean;
}

function oneOf<T extends string>(name: string, raw: string | undefined, values: readonly T[]): T | undefined {
  if (raw === undefined) return undefined;
  const found = values.find((v) => v === raw);
  if (found === undefined) throw badParameter(name, `${show(raw)} is not one of ${values.join(', ')}`);
  return found;
}

/** Parses `namespace/workload`: a Kubernetes namespace and a workload name. */
export function parseWorkloadRef(name: string, raw: string): WorkloadRef {
  const slash = raw.indexOf('/');
  const namespace = slash < 0 ? '' : raw.slice(0, slash);
  const workload = slash < 0 ? '' : raw.slice(slash + 1);
  if (namespace.length > 63 || !DNS1123_LABEL.test(namespace) || workload.length > 253 || !WORKLOAD_NAME.test(workload)) {
    throw badParameter(name, `${show(raw)} is not namespace/workload (a Kubernetes namespace, '/', and a lower-case workload name of at most 253 characters)`);
  }
  return { namespace, workload };
}

/** Parses `host`: the normalised host as the API reports it, whatever it holds; absent means the unattributed destination. */
export function parseHost(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  if (raw === '') throw badParameter('host', 'empty; leave host out for the destination without a host (TLS/TCP passthrough, blocked TCP)');
  if (raw === 'unknown') throw badParameter('host', '"unknown" is not a host; leave host out for the destination without a host');
  if (raw.length > MAX_HOST_LENGTH) throw badParameter('host', `longer than ${MAX_HOST_LENGTH} characters`);
  // Control characters are data too (a forged or pre-validation Host header): PromQL quoting escapes them.
  return raw;
}

function parseDestination(params: URLSearchParams, opts: TimeseriesParamOptions): TimeseriesDestination {
  const status = oneOf('status', single(params, 'status'), STATUSES);
  const host = parseHost(single(params, 'host'));
  const viaRaw = single(params, 'via');
  if (viaRaw !== undefined) {
    // The first hop's labels name the gateway, not the host: status and host do not apply.
    const gateway = parseWorkloadRef('via', viaRaw);
    if (opts.isGateway && !opts.isGateway(gateway.workload)) {
      throw badParameter('via', `${show(viaRaw)} is not an egress gateway (EGRESS_GATEWAY_WORKLOADS)`);
    }
    return { to: 'gateway', gateway };
  }
  if (status === undefined) throw badParameter('status', `required (${STATUSES.join(', ')})`);
  if (status === 'registered') {
    if (host === null) throw badParameter('host', 'required for status registered (the ServiceEntry host)');
    return { to: 'external', status, host };
  }
  return { to: 'external', status, host };
}

/** Validates the query string of /api/timeseries. Throws ApiError (400) naming the parameter. */
export function parseTimeseriesParams(params: URLSearchParams, nowSeconds: number, opts: TimeseriesParamOptions = {}): TimeseriesQuery {
  rejectUnknownParams(params, ALLOWED);
  const kind = oneOf('kind', single(params, 'kind'), KINDS);
  if (kind === undefined) throw badParameter('kind', `required (${KINDS.join(', ')})`);
  const protocol = oneOf('protocol', single(params, 'protocol'), PROTOCOLS);
  const sourceRaw = single(params, 'source');
  const destination = parseDestination(params, opts);
  const rawWindow = single(params, 'window');
  const end = parseEnd(single(params, 'end'), nowSeconds);
  const windowSeconds = rawWindow === undefined ? DEFAULT_CHART_WINDOW_SECONDS : parseWindow(rawWindow);

  if (kind === 'host') {
    if (sourceRaw !== undefined) throw badParameter('source', 'only with kind=edge');
    return { target: { kind, destination, ...(protocol !== undefined ? { protocol } : {}) }, end, windowSeconds };
  }
  if (sourceRaw === undefined) throw badParameter('source', 'required with kind=edge (namespace/workload)');
  if (protocol === undefined) throw badParameter('protocol', `required with kind=edge (${PROTOCOLS.join(', ')})`);
  return { target: { kind, source: parseWorkloadRef('source', sourceRaw), destination, protocol }, end, windowSeconds };
}
