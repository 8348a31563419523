import type { TimeseriesDestination, TimeseriesQuery } from '../egress/timeseries';
import { badParameter } from './errors';
import { endOrNow } from './params';
import { PROTOCOLS, show, STATUSES, TIMESERIES_KINDS, timeseriesQuery } from './params-schema';
import { readQuery } from './query';

/** Default window of a chart (the flows default, 5m, is too short to show a trend). */
export const DEFAULT_CHART_WINDOW_SECONDS = 3600;

export interface TimeseriesParamOptions {
  /** Whether a workload is an egress gateway (EGRESS_GATEWAY_WORKLOADS); `via` must name one. */
  readonly isGateway?: (workload: string) => boolean;
}

type Query = ReturnType<typeof timeseriesQuery.parse>;

/** The host a request names: by itself (`host`), by its id (`hostId`, resolved later), or none. */
type NamedHost = { readonly host: string | null } | { readonly hostId: string };

function namedHost(q: Query): NamedHost {
  if (q.hostId === undefined) return { host: q.host ?? null };
  if (q.host !== undefined) throw badParameter('hostId', 'give host or hostId, not both');
  return { hostId: q.hostId };
}

function parseDestination(q: Query, raw: URLSearchParams, opts: TimeseriesParamOptions, host: string | null): TimeseriesDestination {
  if (q.via !== undefined) {
    // The first hop's labels name the gateway, not the host: status and host do not apply.
    if (opts.isGateway && !opts.isGateway(q.via.workload)) {
      throw badParameter('via', `${show(raw.get('via') ?? '')} is not an egress gateway (EGRESS_GATEWAY_WORKLOADS)`);
    }
    return { to: 'gateway', gateway: q.via };
  }
  const status = q.status;
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

/**
 * Validates the query string of /api/timeseries: each parameter by
 * params-schema.ts timeseriesQuery, then which ones go together. Throws
 * ApiError (400) naming the parameter.
 */
export function parseTimeseriesRequest(params: URLSearchParams, nowSeconds: number, opts: TimeseriesParamOptions = {}): TimeseriesRequest {
  const q = readQuery(params, timeseriesQuery);
  const { kind, protocol, source, cluster } = q;
  if (kind === undefined) throw badParameter('kind', `required (${TIMESERIES_KINDS.join(', ')})`);
  const named = namedHost(q);
  // Validated now with the id standing in for its host, so that a bad request is refused before any query.
  const stated = 'hostId' in named ? named.hostId : named.host;
  const destination = parseDestination(q, params, opts, stated);
  const end = endOrNow(q.end, params.get('end'), nowSeconds);
  const windowSeconds = q.window ?? DEFAULT_CHART_WINDOW_SECONDS;

  const queryFor = (d: TimeseriesDestination): TimeseriesQuery => {
    if (kind === 'host') {
      if (source !== undefined) throw badParameter('source', 'only with kind=edge');
      // The source's cluster (`source_cluster`): an edge of a graph of several clusters charts that cluster's source alone.
      if (cluster !== undefined) throw badParameter('cluster', 'only with kind=edge (the source cluster)');
      return { subject: { kind, destination: d, ...(protocol !== undefined ? { protocol } : {}) }, end, windowSeconds };
    }
    if (source === undefined) throw badParameter('source', 'required with kind=edge (namespace/workload)');
    if (protocol === undefined) throw badParameter('protocol', `required with kind=edge (${PROTOCOLS.join(', ')})`);
    return { subject: { kind, source: cluster !== undefined ? { ...source, cluster } : source, destination: d, protocol }, end, windowSeconds };
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
      return queryFor(parseDestination(q, params, opts, host));
    },
  };
}

/** Validates the query string of /api/timeseries naming its host by itself (or none). Throws ApiError (400) naming the parameter. */
export function parseTimeseriesParams(params: URLSearchParams, nowSeconds: number, opts: TimeseriesParamOptions = {}): TimeseriesQuery {
  const request = parseTimeseriesRequest(params, nowSeconds, opts);
  if (request.hostId !== undefined) throw new Error('a request naming hostId needs parseTimeseriesRequest and the report of its window');
  return request.toQuery();
}
