/** Query parameters of GET /api/readiness: those of /api/egress, with a longer default window. */
import { parseFlowParams, type FlowParams } from '../api/params';

/** A readiness verdict needs the rare callers too, so the window defaults to an hour. */
export const READINESS_DEFAULT_WINDOW = '1h';
const READINESS_DEFAULT_WINDOW_SECONDS = 3600;

/** Validates `end`, `window` (default 1h) and `namespace` as parseFlowParams does. Throws ApiError (400). */
export function parseReadinessParams(search: URLSearchParams, nowSeconds: number): FlowParams {
  return parseFlowParams(search, nowSeconds, READINESS_DEFAULT_WINDOW_SECONDS);
}
