import { badParameter } from './errors';
import { flowQuery, MAX_FUTURE_SECONDS, rangeQuery, show } from './params-schema';
import { readQuery } from './query';

/** Validated time range (and source namespaces) of the GET routes. */
export interface FlowParams {
  /** Unix seconds. */
  readonly end: number;
  readonly windowSeconds: number;
  /** Source namespaces, deduplicated and sorted; empty means all. */
  readonly namespaces: string[];
}

export const DEFAULT_WINDOW_SECONDS = 300;

/**
 * The end a request asks for (`end`, parsed by endParam), or now when it asks
 * for none; 400 when it lies in the future by more than clock skew. `raw` is
 * the value as given, for the message.
 */
export function endOrNow(end: number | undefined, raw: unknown, nowSeconds: number, name = 'end'): number {
  if (end === undefined) return nowSeconds;
  if (end > nowSeconds + MAX_FUTURE_SECONDS) throw badParameter(name, `${show(String(raw))} is in the future`);
  return end;
}

export interface RangeParamsSpec {
  /** The window when the request gives none. */
  readonly defaultWindowSeconds: number;
  /** Whether the route takes repeated `namespace` filters. */
  readonly namespaces: boolean;
}

/**
 * Validates `end`, `window` and (when the route takes it) `namespace`, the
 * parameters every GET route over a time range shares (params-schema.ts
 * flowQuery, rangeQuery), and refuses any other. Throws ApiError (400)
 * naming the parameter.
 */
export function parseRangeParams(params: URLSearchParams, nowSeconds: number, spec: RangeParamsSpec): FlowParams {
  const q = spec.namespaces ? readQuery(params, flowQuery) : { ...readQuery(params, rangeQuery), namespace: [] };
  return {
    end: endOrNow(q.end, params.get('end'), nowSeconds),
    windowSeconds: q.window ?? spec.defaultWindowSeconds,
    namespaces: q.namespace,
  };
}

/** Validates the query string of /api/egress and /api/graph (and, with their default window, /api/readiness and /api/hosts). Throws ApiError (400). */
export function parseFlowParams(params: URLSearchParams, nowSeconds: number, defaultWindowSeconds = DEFAULT_WINDOW_SECONDS): FlowParams {
  return parseRangeParams(params, nowSeconds, { defaultWindowSeconds, namespaces: true });
}
