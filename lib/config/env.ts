import fs from 'node:fs';
import { z } from 'zod';
import { isDns1123Label } from '../resources/names';
import { OUTBOUND_MODE_SETTINGS, type OutboundModeSetting } from '../egress/outbound-mode';

/** Server-side configuration, read once from the environment. Never sent to the browser. */
export interface AppConfig {
  readonly prometheus: PrometheusConnection;
  /** Regex (RE2, anchored by Prometheus) matching egress gateway workload names. */
  readonly egressGatewayWorkloads: string;
  /** Cardinality guard: hosts kept per status before the rest fold into "other hosts". */
  readonly topHostsPerStatus: number;
  /** How long identical query results are reused. */
  readonly cacheTtlMs: number;
  /**
   * Metric labels that a Telemetry tagOverride adds to TCP metrics with the
   * SNI and the upstream address (see the readiness page), so that TLS/TCP
   * passthrough gets a host. Unset: such traffic stays unattributed.
   */
  readonly tcpDestinationLabels?: { readonly sni?: string; readonly address?: string };
  /** Prometheus as users reach it in a browser, for "Open in Prometheus" links (never used for queries). */
  readonly prometheusPublicUrl?: string;
  /**
   * Istio's root namespace (meshConfig.rootNamespace): a Sidecar without
   * workloadSelector there is the mesh-wide default, so the readiness page
   * never offers one as a per-namespace step.
   */
  readonly istioRootNamespace: string;
  /**
   * meshConfig.outboundTrafficPolicy.mode as the operator states it, or
   * `auto`: what a host-named series without a namespace is (a ServiceEntry
   * before Istio 1.23, or ALLOW_ANY_DYNAMIC_DNS; lib/egress/outbound-mode.ts).
   */
  readonly outboundMode: OutboundModeSetting;
}

export interface PrometheusConnection {
  readonly url: string;
  readonly timeoutMs: number;
  /** Returns the bearer token; re-reads a token file so rotated tokens are picked up. */
  readonly bearerToken?: () => string;
  readonly basicAuth?: { readonly username: string; readonly password: string };
  readonly headers: Readonly<Record<string, string>>;
  /** PEM bundle trusted for https Prometheus URLs. */
  readonly ca?: string;
}

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const RESERVED_HEADERS = new Set(['authorization', 'host', 'content-length', 'content-type']);

function isHttpUrl(v: string): boolean {
  try {
    const u = new URL(v);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.username === '' && u.password === '';
  } catch {
    return false;
  }
}

const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v));

const headersSchema = optionalText.transform((raw, ctx): Record<string, string> => {
  if (raw === undefined) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    ctx.addIssue({ code: 'custom', message: 'must be a JSON object such as {"X-Scope-OrgID":"tenant-1"}' });
    return {};
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    ctx.addIssue({ code: 'custom', message: 'must be a JSON object of header names to string values' });
    return {};
  }
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(parsed)) {
    if (!HEADER_NAME.test(name)) ctx.addIssue({ code: 'custom', message: `"${name}" is not a valid header name` });
    else if (RESERVED_HEADERS.has(name.toLowerCase()))
      ctx.addIssue({ code: 'custom', message: `"${name}" cannot be set here (use the auth variables)` });
    else if (typeof value !== 'string' || /[\r\n]/.test(value))
      ctx.addIssue({ code: 'custom', message: `value of "${name}" must be a single-line string` });
    else out[name] = value;
  }
  return out;
});

const intInRange = (def: number, min: number, max: number) =>
  optionalText.transform((raw, ctx) => {
    if (raw === undefined) return def;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      ctx.addIssue({ code: 'custom', message: `must be an integer from ${min} to ${max}` });
      return def;
    }
    return n;
  });

const envSchema = z
  .object({
    PROMETHEUS_URL: z
      .string({ error: 'is required (the base URL of Prometheus or a PromQL-compatible API)' })
      .trim()
      .min(1, 'is required (the base URL of Prometheus or a PromQL-compatible API)')
      .refine(isHttpUrl, 'must be an http(s) URL without credentials, e.g. http://prometheus.istio-system:9090'),
    PROMETHEUS_TIMEOUT_MS: intInRange(30_000, 100, 600_000),
    PROMETHEUS_BEARER_TOKEN: optionalText,
    PROMETHEUS_BEARER_TOKEN_FILE: optionalText,
    PROMETHEUS_USERNAME: optionalText,
    PROMETHEUS_PASSWORD: optionalText,
    PROMETHEUS_HEADERS: headersSchema,
    PROMETHEUS_CA_FILE: optionalText,
    EGRESS_GATEWAY_WORKLOADS: optionalText.transform((v) => v ?? 'istio-egressgateway.*'),
    EGRESS_TOP_HOSTS: intInRange(100, 1, 10_000),
    QUERY_CACHE_TTL_MS: intInRange(5_000, 0, 300_000),
    EGRESS_TCP_SNI_LABEL: optionalText.refine((v) => v === undefined || LABEL_NAME.test(v), 'must be a Prometheus label name'),
    EGRESS_TCP_ADDRESS_LABEL: optionalText.refine((v) => v === undefined || LABEL_NAME.test(v), 'must be a Prometheus label name'),
    PROMETHEUS_PUBLIC_URL: optionalText.refine((v) => v === undefined || isHttpUrl(v), 'must be an http(s) URL without credentials'),
    ISTIO_ROOT_NAMESPACE: optionalText
      .transform((v) => v?.trim() ?? 'istio-system')
      .refine(isDns1123Label, "must be a Kubernetes namespace name (at most 63 lower-case letters, digits or '-')"),
    ISTIO_OUTBOUND_MODE: optionalText
      .transform((v) => v?.trim() || 'auto')
      .refine((v): v is OutboundModeSetting => (OUTBOUND_MODE_SETTINGS as readonly string[]).includes(v), `must be one of ${OUTBOUND_MODE_SETTINGS.join(', ')}`),
  })
  .superRefine((env, ctx) => {
    if (env.PROMETHEUS_BEARER_TOKEN && env.PROMETHEUS_BEARER_TOKEN_FILE)
      ctx.addIssue({ code: 'custom', path: ['PROMETHEUS_BEARER_TOKEN_FILE'], message: 'set either PROMETHEUS_BEARER_TOKEN or PROMETHEUS_BEARER_TOKEN_FILE, not both' });
    if (Boolean(env.PROMETHEUS_USERNAME) !== Boolean(env.PROMETHEUS_PASSWORD))
      ctx.addIssue({ code: 'custom', path: ['PROMETHEUS_PASSWORD'], message: 'PROMETHEUS_USERNAME and PROMETHEUS_PASSWORD go together' });
    if (env.PROMETHEUS_USERNAME && (env.PROMETHEUS_BEARER_TOKEN || env.PROMETHEUS_BEARER_TOKEN_FILE))
      ctx.addIssue({ code: 'custom', path: ['PROMETHEUS_USERNAME'], message: 'use basic auth or a bearer token, not both' });
    if (env.PROMETHEUS_BEARER_TOKEN_FILE && !isReadable(env.PROMETHEUS_BEARER_TOKEN_FILE))
      ctx.addIssue({ code: 'custom', path: ['PROMETHEUS_BEARER_TOKEN_FILE'], message: 'file cannot be read' });
    if (env.PROMETHEUS_CA_FILE && !isReadable(env.PROMETHEUS_CA_FILE))
      ctx.addIssue({ code: 'custom', path: ['PROMETHEUS_CA_FILE'], message: 'file cannot be read' });
    try {
      new RegExp(`^(?:${env.EGRESS_GATEWAY_WORKLOADS})$`);
    } catch {
      ctx.addIssue({ code: 'custom', path: ['EGRESS_GATEWAY_WORKLOADS'], message: 'is not a valid regular expression' });
    }
  });

/**
 * Every environment variable the configuration reads, for tools that check a
 * deployment's environment (deploy/kubernetes) against what the app knows.
 */
export const CONFIG_VARIABLES: readonly string[] = Object.freeze(Object.keys(envSchema.shape));

function isReadable(path: string): boolean {
  try {
    fs.accessSync(path, fs.constants.R_OK);
    return fs.statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Thrown when the environment is invalid; the message lists every bad variable. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Validates an environment (pure apart from reading the referenced files). */
export function loadConfig(env: Readonly<Record<string, string | undefined>>): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || 'environment'}: ${i.message}`));
  }
  const e = parsed.data;
  const tokenFile = e.PROMETHEUS_BEARER_TOKEN_FILE;
  const token = e.PROMETHEUS_BEARER_TOKEN;
  return {
    prometheus: {
      url: e.PROMETHEUS_URL.replace(/\/+$/, ''),
      timeoutMs: e.PROMETHEUS_TIMEOUT_MS,
      bearerToken: tokenFile ? () => fs.readFileSync(tokenFile, 'utf8').trim() : token ? () => token : undefined,
      basicAuth: e.PROMETHEUS_USERNAME && e.PROMETHEUS_PASSWORD ? { username: e.PROMETHEUS_USERNAME, password: e.PROMETHEUS_PASSWORD } : undefined,
      headers: e.PROMETHEUS_HEADERS,
      ca: e.PROMETHEUS_CA_FILE ? fs.readFileSync(e.PROMETHEUS_CA_FILE, 'utf8') : undefined,
    },
    egressGatewayWorkloads: e.EGRESS_GATEWAY_WORKLOADS,
    topHostsPerStatus: e.EGRESS_TOP_HOSTS,
    cacheTtlMs: e.QUERY_CACHE_TTL_MS,
    prometheusPublicUrl: e.PROMETHEUS_PUBLIC_URL?.replace(/\/+$/, ''),
    istioRootNamespace: e.ISTIO_ROOT_NAMESPACE,
    outboundMode: e.ISTIO_OUTBOUND_MODE as OutboundModeSetting,
    tcpDestinationLabels:
      e.EGRESS_TCP_SNI_LABEL || e.EGRESS_TCP_ADDRESS_LABEL ? { sni: e.EGRESS_TCP_SNI_LABEL, address: e.EGRESS_TCP_ADDRESS_LABEL } : undefined,
  };
}

let cached: AppConfig | undefined;

/** The process configuration, validated on first use. */
export function getConfig(): AppConfig {
  cached ??= loadConfig(process.env);
  return cached;
}
