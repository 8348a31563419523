import { ANY_HOST, catchAllMatchers, egressSourceMatchers, hostNamedMatchers, hostNamedWithoutNamespaceMatchers, REQUESTS_METRIC, TCP_METRICS, type RuleContext } from '../egress/rules';
import { byLabels, matcher, regexAnyOf, selector } from '../prometheus/promql';
import type { UnregisteredStatus } from '../egress/types';
import { promNumber } from './duration';
import { DESTINATION_LABEL, RECENT_WINDOW, SOURCE_LABELS } from './options';

/**
 * PromQL of the egress alerts, built only from `matcher`/`regexAnyOf`/`byLabels`
 * (lib/prometheus/promql), so option values never reach a query unescaped.
 * Every selector takes its egress matchers from the rulebook
 * (lib/egress/rules/), like the flows do: `reporter="source"`, a known
 * source, the catch-all cluster and no destination workload (so pod-IP
 * PassthroughCluster traffic inside the mesh is not egress here either).
 */

const HTTP = REQUESTS_METRIC;
/** Blocked TCP/TLS is always counted here, at close (flag UH); telemetry v2 also counts it as opened, older proxies did not (facts §9). */
const TCP_CLOSED = TCP_METRICS.closed;
/**
 * How far back a series must be absent to count as new. A counter series is
 * born at its first increment, which increase() cannot see (it needs two
 * samples), so a single attempt by a new pod to a new host would never alert.
 * A series that appears within the window counts with its whole value. Cost:
 * a series whose scrapes stopped for over this long (Prometheus down) counts
 * once more when it comes back.
 */
export const NEW_SERIES_LOOKBACK = '1h';

export interface ExpressionScope {
  /** Source namespaces to watch; empty means all. */
  readonly namespaces: readonly string[];
  /** A series label every aggregation keeps (copied into the alert as team). */
  readonly teamLabel?: string;
  /** What a host named without a namespace is (lib/egress/outbound-mode.ts); default: an older ServiceEntry, not passthrough. */
  readonly ruleContext?: RuleContext;
}

function egressSelector(status: UnregisteredStatus, scope: ExpressionScope, extra: readonly string[] = []): string {
  return scopedSelector(scope, [...catchAllMatchers(status), ...extra]);
}

/** An egress selector (the rulebook's source matchers) with `destination`, narrowed to the scope's namespaces. */
function scopedSelector(scope: ExpressionScope, destination: readonly string[]): string {
  const m = [...egressSourceMatchers(), ...destination];
  if (scope.namespaces.length > 0) m.push(matcher('source_workload_namespace', '=~', regexAnyOf(scope.namespaces)));
  return selector(m);
}

function by(labels: readonly string[], scope: ExpressionScope): string {
  return byLabels([...new Set(scope.teamLabel === undefined ? labels : [...labels, scope.teamLabel])]);
}

/** Attempts per series in `window`: the whole counter of series born within it, increase() for the others. */
function attemptsIn(series: string, window: string): string {
  return `(max_over_time(${series}[${window}]) unless present_over_time(${series}[${NEW_SERIES_LOOKBACK}] offset ${window})) or increase(${series}[${window}])`;
}

/**
 * Any BlackHoleCluster traffic per source workload in `window`: HTTP by
 * destination host (the Host header), or TCP/TLS, whose metrics carry no
 * destination. The two sides never share a label set (only HTTP has
 * destination_service), so `or` keeps both.
 */
export function blockedAttemptExpr(scope: ExpressionScope, window: string): string {
  const http = `${HTTP}${egressSelector('blocked', scope)}`;
  const tcp = `${TCP_CLOSED}${egressSelector('blocked', scope)}`;
  return [
    `(`,
    `  sum by ${by([...SOURCE_LABELS, DESTINATION_LABEL], scope)} (`,
    `    ${attemptsIn(http, window)}`,
    `  ) > 0`,
    `)`,
    `or`,
    `(`,
    `  sum by ${by(SOURCE_LABELS, scope)} (`,
    `    ${attemptsIn(tcp, window)}`,
    `  ) > 0`,
    `)`,
  ].join('\n');
}

/**
 * Blocked attempts per second per source workload (HTTP requests plus TCP
 * connections) over `window`, ending `offset` ago. The HTTP and TCP series of
 * one pod never share a label set (request_protocol differs, and only HTTP
 * has response_code), so the inner `or` is a union and the sum adds both.
 */
function blockedRate(scope: ExpressionScope, window: string, offset?: string): string {
  const off = offset === undefined ? '' : ` offset ${offset}`;
  const sel = egressSelector('blocked', scope);
  return `sum by ${by(SOURCE_LABELS, scope)} (rate(${HTTP}${sel}[${window}]${off}) or rate(${TCP_CLOSED}${sel}[${window}]${off}))`;
}

/**
 * Blocked attempts spiking: the rate over the last 5m above `factor` times
 * the average rate over `baseline` before it, and above `minRate`. A source
 * with no blocked traffic in the baseline has no baseline series; `or now * 0`
 * stands in a baseline of 0, so it alerts once it passes the floor.
 */
export function blockedSpikeExpr(scope: ExpressionScope, factor: number, baseline: string, minRate: number): string {
  const now = blockedRate(scope, RECENT_WINDOW);
  const before = blockedRate(scope, baseline, RECENT_WINDOW);
  return [
    `(`,
    `  ${now}`,
    `  > ${promNumber(factor)} * (`,
    `    ${before}`,
    `    or`,
    `    ${now} * 0`,
    `  )`,
    `)`,
    `and`,
    `(`,
    `  ${now}`,
    `  > ${promNumber(minRate)}`,
    `)`,
  ].join('\n');
}

/**
 * A passthrough host (HTTP, so the Host header names it) that some source
 * reaches now and that no source in scope reached in the `lookbackDays` days
 * before the last 5m. The left side is per source and host, the right side
 * per host only, so `unless` must match `on (destination_service)`: by
 * default it matches on every label and, the label sets never being equal,
 * would remove nothing. With `on`, a host seen by any source in the lookback
 * removes every left-hand series of that host.
 *
 * "Seen" means a series exists, not that it increased: Istio creates the
 * series at the first request, which increase() cannot see, so a host called
 * once would never be new. The alert lasts 5m from the host's first series,
 * until the lookback (offset 5m) reaches it.
 */
export function newPassthroughHostExpr(scope: ExpressionScope, lookbackDays: number): string {
  const sels = [egressSelector('passthrough', scope, hostNamedMatchers())];
  // Under ALLOW_ANY_DYNAMIC_DNS, a host named without a namespace is passthrough too (the rulebook's statusRules).
  if (scope.ruleContext?.hostNamedWithoutNamespace === 'passthrough') sels.push(scopedSelector(scope, hostNamedWithoutNamespaceMatchers(ANY_HOST)));
  const present = (range: string) => {
    const parts = sels.map((sel) => `present_over_time(${HTTP}${sel}${range})`);
    return parts.length === 1 ? parts[0]! : `(${parts.join(' or ')})`;
  };
  return [
    `count by ${by([...SOURCE_LABELS, DESTINATION_LABEL], scope)} (${present(`[${RECENT_WINDOW}]`)})`,
    `unless on ${byLabels([DESTINATION_LABEL])}`,
    `count by ${byLabels([DESTINATION_LABEL])} (${present(`[${lookbackDays}d] offset ${RECENT_WINDOW}`)})`,
  ].join('\n');
}
