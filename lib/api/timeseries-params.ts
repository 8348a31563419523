import type { TimeseriesDestination, TimeseriesQuery } from '../egress/timeseries';
import { MAX_HOST_LENGTH } from '../egress/host';
import { UNKNOWN } from '../egress/rules';
import type { EgressProtocol, WorkloadRef } from '../egress/types';
import { badParameter } from './errors';
import { parseHostIdParam } from './host-id';
import { isClusterName } from '../view/range';
import { parseEnd, parseWindow } from './params';
import { rejectUnknownParams, show, single } from './query';

/** Default window of a chart (the flows default, 5m, is too short to show a trend). */
export const DEFAULT_CHART_WINDOW_SECONDS = 3600;

const ALLOWED = ['kind', 'status', 'host', 'hostId', 'protocol', 'source', 'cluster', 'via', 'end', 'window'] as const;
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
  if (raw === UNKNOWN) throw badParameter('host', '"unknown" is not a host; leave host out for the destination without a host');
  if (raw.length > MAX_HOST_LENGTH) throw badParameter('host', `longer than ${MAX_HOST_LENGTH} characters`);
  // Control characters are data too (a forged or pre-validation Host header): PromQL quoting escapes them.
  return raw;
}

/** The host a request names: by itself (`host`), by its id (`hostId`, resolved later), or none. */
type NamedHost = { readonly host: string | null } | { readonly hostId: string };

function parseNamedHost(params: URLSearchParams): NamedHost {
  const host = parseHost(single(params, 'host'));
  const hostId = parseHostIdParam(single(params, 'hostId'));
  if (hostId === undefined) return { host };
  if (host !== null) throw badParameter('hostId', 'give host or hostId, not both');
  return { hostId };
}

function parseDestination(params: URLSearchParams, opts: TimeseriesParamOptions, status: (typeof STATUSES)[number] | undefined, host: string | null): TimeseriesDestination {
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

/** A valid /api/timeseries request; when it names its host by id, the query waits for the host. */
export interface TimeseriesRequest {
  /** Unix seconds. */
  readonly end: number;
  readonly windowSeconds: number;
  /** Set when the host is named by its id: find it among the hosts /api/egress reports for the same end and window. */
  readonly hostId?: string;
  /** The query; `host` is the host `hostId` names (unused without one). */
  toQuery(host?: string): TimeseriesQuery;
}

/** Validates the query string of /api/timeseries. Throws ApiError (400) naming the parameter. */
export function parseTimeseriesRequest(params: URLSearchParams, nowSeconds: number, opts: TimeseriesParamOptions = {}): TimeseriesRequest {
  rejectUnknownParams(params, ALLOWED);
  const kind = oneOf('kind', single(params, 'kind'), KINDS);
  if (kind === undefined) throw badParameter('kind', `required (${KINDS.join(', ')})`);
  const protocol = oneOf('protocol', single(params, 'protocol'), PROTOCOLS);
  const sourceRaw = single(params, 'source');
  // The source's cluster (`source_cluster`): an edge of a graph of several clusters charts that cluster's source alone.
  const clusterRaw = single(params, 'cluster');
  if (clusterRaw !== undefined && !isClusterName(clusterRaw)) throw badParameter('cluster', `${show(clusterRaw)} is not a cluster name (letters, digits, '.', '_', ':', '@', '-')`);
  const status = oneOf('status', single(params, 'status'), STATUSES);
  const named = parseNamedHost(params);
  // Validated now with the id standing in for its host, so that a bad request is refused before any query.
  const stated = 'hostId' in named ? named.hostId : named.host;
  const destination = parseDestination(params, opts, status, stated);
  const rawWindow = single(params, 'window');
  const end = parseEnd(single(params, 'end'), nowSeconds);
  const windowSeconds = rawWindow === undefined ? DEFAULT_CHART_WINDOW_SECONDS : parseWindow(rawWindow);

  const queryFor = (d: TimeseriesDestination): TimeseriesQuery => {
    if (kind === 'host') {
      if (sourceRaw !== undefined) throw badParameter('source', 'only with kind=edge');
      if (clusterRaw !== undefined) throw badParameter('cluster', 'only with kind=edge (the source cluster)');
      return { target: { kind, destination: d, ...(protocol !== undefined ? { protocol } : {}) }, end, windowSeconds };
    }
    if (sourceRaw === undefined) throw badParameter('source', 'required with kind=edge (namespace/workload)');
    if (protocol === undefined) throw badParameter('protocol', `required with kind=edge (${PROTOCOLS.join(', ')})`);
    const source = parseWorkloadRef('source', sourceRaw);
    return { target: { kind, source: clusterRaw !== undefined ? { ...source, cluster: clusterRaw } : source, destination: d, protocol }, end, windowSeconds };
  };
  const checked = queryFor(destination);
  // The first hop to a gateway is charted by the gateway's labels: no host to find.
  if (!('hostId' in named) || destination.to === 'gateway') return { end, windowSeconds, toQuery: () => checked };
  return {
    end,
    windowSeconds,
    hostId: named.hostId,
    toQuery: (host) => {
      if (host === undefined) throw new Error(`hostId ${named.hostId} was not resolved`);
      return queryFor(parseDestination(params, opts, status, host));
    },
  };
}

/** Validates the query string of /api/timeseries naming its host by itself (or none). Throws ApiError (400) naming the parameter. */
export function parseTimeseriesParams(params: URLSearchParams, nowSeconds: number, opts: TimeseriesParamOptions = {}): TimeseriesQuery {
  const request = parseTimeseriesRequest(params, nowSeconds, opts);
  if (request.hostId !== undefined) throw new Error('a request naming hostId needs parseTimeseriesRequest and the report of its window');
  return request.toQuery();
}
