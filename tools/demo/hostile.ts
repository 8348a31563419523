/**
 * Hostile label values of the demo mesh: Host headers that reach the app the
 * way real metrics would, in `destination_service` of HTTP PassthroughCluster
 * and BlackHoleCluster series (facts §2), so that every page and export is
 * exercised with them.
 *
 * Which labels can carry arbitrary text? Only `destination_service` in
 * practice: for passthrough and blackhole HTTP it is the Host header as the
 * application sent it. The other labels the app shows are not free text:
 * `response_code` is the numeric HTTP status, `response_flags` Envoy's fixed
 * flag set, namespaces and workloads are Kubernetes (DNS-1123) names set by
 * the injector, the ServiceEntry namespace a namespace name. Those are left
 * clean here (the UI still renders them through the same displayText()).
 *
 * What Envoy lets through: since the `:authority` check of
 * `HeaderValidation::requestHeadersValid` (envoy source/common/http/
 * header_validation.cc), a sidecar answers 400 `http.invalid_authority` to a
 * Host header with anything outside `!$%&'()*+,-.0-9:;=@A-Z[]_a-z~`: no
 * space, `"`, `<`, `>`, backtick, control or non-ASCII byte. So `+1`, `-1+1`,
 * `@SUM(1)`, a single quote, percent-encoded markup and a 10 kB name (the
 * default header limit is 60 KiB) come from any mesh application today.
 * The rest (`envoyAccepts: false`) still reaches Prometheus: older proxies, and
 * above all any workload can serve its own `istio_requests_total` series,
 * which Istio's metrics merging (istio-agent :15020/stats/prometheus) scrapes
 * with the sidecar's. The exposition formats allow any UTF-8 in a label value
 * (only `\\`, `"` and LF are escaped); raw tab, BEL, ESC, CR, DEL, C1, U+202E,
 * emoji and 10 kB values were checked to pass unchanged through
 * `promtool tsdb create-blocks-from openmetrics` (Prometheus 2.42) and the
 * VictoriaMetrics JSON import (whose -maxLabelValueLen defaults to 16 KiB).
 * NUL passes both as well but is left out: no HTTP stack forwards it.
 *
 * `host` is what the API must report, written out rather than computed so the
 * oracle stays independent of lib/egress: Host headers are lower-cased and
 * trimmed, anything else is kept.
 */

export interface HostileHost {
  /** Suffix of the traffic ids (`cms-hostile-<key>`, `etl-hostile-<key>`). */
  readonly key: string;
  /** The Host header as the application sent it. */
  readonly hostHeader: string;
  /** The host the API reports. */
  readonly host: string;
  /** Whether a current Envoy accepts this Host header (see above). */
  readonly envoyAccepts: boolean;
}

/** A 10 kB host of DNS-looking labels: long enough to break any layout that does not truncate. */
export const DEMO_LONG_HOST = `${Array.from({ length: 157 }, (_, i) => `l${String(i).padStart(3, '0')}`.padEnd(63, 'a')).join('.')}.evil.test`;

/** Tab, BEL, an ANSI colour escape, DEL and a C1 control inside one Host header. */
export const DEMO_CONTROL_HOST = 'tab\there-bel\u0007-esc\u001b[31mred\u001b[0m-del\u007f-nel\u0085.evil.test';

/** CR LF inside the value: a header-injection lookalike. */
export const DEMO_CRLF_HOST = 'crlf\r\nx-injected: 1.evil.test';

/** A right-to-left override ("invoice-‮gnp.exe" reads "invoice-exe.png"), emoji, an astral letter and Hebrew. */
export const DEMO_UNICODE_HOST = 'invoice-\u202egnp.exe-😀-👩‍💻-𝕏-שלום.evil.test';

export const DEMO_SCRIPT_HOST = '<script>alert(document.domain)</script>.evil.test';

/** Every quote character HTML and JavaScript know. */
export const DEMO_QUOTES_HOST = `"double"-'single'-\`back\`-\${x}.evil.test`;

/** Markup percent-encoded (Envoy accepts it): shown as sent, never decoded. */
export const DEMO_PERCENT_HOST = '%3cimg%20src%3dx%20onerror%3dalert(1)%3e.evil.test';

/** CSV formula starters (OWASP "CSV injection"), as the API reports them (lower-cased). */
export const DEMO_FORMULA_HOSTS = { hyperlink: '=hyperlink("http://x")', plus: '+1', minus: '-1+1', at: '@sum(1)' } as const;

/** Hostile Host headers reached from legacy/cms-v1 under ALLOW_ANY (passthrough). */
export const DEMO_HOSTILE_PASSTHROUGH: readonly HostileHost[] = [
  { key: 'script', hostHeader: DEMO_SCRIPT_HOST, host: DEMO_SCRIPT_HOST, envoyAccepts: false },
  { key: 'quotes', hostHeader: DEMO_QUOTES_HOST, host: DEMO_QUOTES_HOST, envoyAccepts: false },
  { key: 'percent', hostHeader: '%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E.evil.test', host: DEMO_PERCENT_HOST, envoyAccepts: true },
  { key: 'control', hostHeader: DEMO_CONTROL_HOST, host: DEMO_CONTROL_HOST, envoyAccepts: false },
  { key: 'crlf', hostHeader: DEMO_CRLF_HOST, host: DEMO_CRLF_HOST, envoyAccepts: false },
  { key: 'long', hostHeader: DEMO_LONG_HOST, host: DEMO_LONG_HOST, envoyAccepts: true },
  { key: 'unicode', hostHeader: DEMO_UNICODE_HOST, host: DEMO_UNICODE_HOST, envoyAccepts: false },
  { key: 'plus', hostHeader: '+1', host: DEMO_FORMULA_HOSTS.plus, envoyAccepts: true },
  { key: 'minus', hostHeader: '-1+1', host: DEMO_FORMULA_HOSTS.minus, envoyAccepts: true },
];

/** Hostile Host headers attempted from data/etl-worker under REGISTRY_ONLY (blocked, HTTP 502). */
export const DEMO_HOSTILE_BLOCKED: readonly HostileHost[] = [
  { key: 'hyperlink', hostHeader: '=HYPERLINK("http://x")', host: DEMO_FORMULA_HOSTS.hyperlink, envoyAccepts: false },
  { key: 'at', hostHeader: '@SUM(1)', host: DEMO_FORMULA_HOSTS.at, envoyAccepts: true },
  { key: 'control', hostHeader: DEMO_CONTROL_HOST, host: DEMO_CONTROL_HOST, envoyAccepts: false },
  { key: 'long', hostHeader: DEMO_LONG_HOST.toUpperCase(), host: DEMO_LONG_HOST, envoyAccepts: true },
  { key: 'unicode', hostHeader: DEMO_UNICODE_HOST, host: DEMO_UNICODE_HOST, envoyAccepts: false },
];
