/** Query parameters of GET /api/readiness: those of /api/egress, with a longer default window. */
import { parseFlowParams, type FlowParams } from '../api/params';

/** A readiness verdict needs the rare callers too, so the window defaults to an hour. */
export const READINESS_DEFAULT_WINDOW = '1h';

/** Validates `end`, `window` (default 1h) and `namespace` as parseFlowParams does. Throws ApiError (400). */
export function parseReadinessParams(search: URLSearchParams, nowSeconds: number): FlowParams {
  if (search.has('window')) return parseFlowParams(search, nowSeconds);
  const withDefault = new URLSearchParams(search);
  withDefault.set('window', READINESS_DEFAULT_WINDOW);
  return parseFlowParams(withDefault, nowSeconds);
}
