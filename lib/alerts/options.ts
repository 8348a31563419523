import { z } from 'zod';
import { describeIssues } from '../api/issues';
import { isDns1123Label, isDns1123Subdomain } from '../resources/names';
import { parsePromDuration } from './duration';
import { AlertOptionsError } from './types';

/** The short window of the spike rule, and how long a passthrough host stays "new" once it appears. */
export const RECENT_WINDOW = '5m';
const RECENT_MS = 5 * 60_000;
/** Labels every alert carries from the metrics; static labels must not overwrite them. */
export const SOURCE_LABELS = ['source_workload_namespace', 'source_workload'] as const;
export const DESTINATION_LABEL = 'destination_service';
const RESERVED_ALERT_LABELS = ['alertname', 'severity', ...SOURCE_LABELS, DESTINATION_LABEL];

const PROM_LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const K8S_LABEL_NAME = /^[A-Za-z0-9](?:[-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
/** Control characters and line or paragraph separators: nothing that would break a line or hide in one. */
const NOT_SINGLE_LINE = /[\p{Cc}\p{Zl}\p{Zp}]/u;

const singleLine = (max: number) =>
  z
    .string()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .refine((s) => !NOT_SINGLE_LINE.test(s) && s.isWellFormed(), 'must be a single line without control characters');

const duration = (positive: boolean) =>
  z.string().refine((s) => {
    const ms = parsePromDuration(s);
    return ms !== null && (!positive || ms > 0);
  }, `must be a${positive ? ' non-zero' : ''} Prometheus duration such as 5m, 1h or 1d (units y, w, d, h, m, s, ms, largest first)`);

const promLabelName = z
  .string()
  .regex(PROM_LABEL_NAME, 'must be a Prometheus label name (letters, digits and _, not starting with a digit)')
  .refine((s) => !s.startsWith('__'), 'names starting with __ are reserved by Prometheus');

/** z.record drops a `__proto__` key silently, and a JSON body can carry one: refuse it instead. */
const recordWithoutProto = <T extends z.ZodType>(record: T) =>
  z
    .unknown()
    .superRefine((v, ctx) => {
      if (typeof v === 'object' && v !== null && Object.hasOwn(v, '__proto__')) ctx.addIssue({ code: 'custom', path: ['__proto__'], message: 'names starting with __ are reserved' });
    })
    .pipe(record);

const alertLabels = z.record(promLabelName.refine((s) => !RESERVED_ALERT_LABELS.includes(s), 'is set by the generator (use the rule\'s severity option for severity)'), singleLine(1024));

const k8sLabelKey = z.string().refine((key) => {
  const slash = key.lastIndexOf('/');
  const prefix = slash < 0 ? null : key.slice(0, slash);
  const name = key.slice(slash + 1);
  return (prefix === null || isDns1123Subdomain(prefix)) && name.length <= 63 && K8S_LABEL_NAME.test(name);
}, 'must be a Kubernetes label key ([prefix/]name)');
const k8sLabelValue = z.string().max(63, 'must be at most 63 characters').regex(/^(?:[A-Za-z0-9](?:[-A-Za-z0-9_.]*[A-Za-z0-9])?)?$/, 'must be a Kubernetes label value');

const severity = singleLine(64);

/** The options as JSON: strict, so a misspelt option is an error rather than silently ignored. */
export const alertRuleOptionsSchema = z
  .strictObject({
    groupName: singleLine(200).optional(),
    namespaces: z.array(singleLine(253)).max(200, 'at most 200 namespaces').optional(),
    blackhole: z
      .strictObject({ enabled: z.boolean().optional(), for: duration(false).optional(), severity: severity.optional(), window: duration(true).optional() })
      .optional(),
    spike: z
      .strictObject({
        enabled: z.boolean().optional(),
        factor: z.number().gt(1, 'must be greater than 1').max(1e6, 'must be at most 1000000').optional(),
        baseline: duration(true).optional(),
        minRate: z.number().min(0, 'must not be negative').max(1e9, 'must be at most 1e9').optional(),
        for: duration(false).optional(),
        severity: severity.optional(),
      })
      .optional(),
    newPassthroughHost: z
      .strictObject({
        enabled: z.boolean().optional(),
        lookbackDays: z.number().int('must be a whole number of days').min(1, 'must be at least 1').max(90, 'must be at most 90').optional(),
        for: duration(false).optional(),
        severity: severity.optional(),
      })
      .optional(),
    labels: recordWithoutProto(alertLabels).optional(),
    teamLabel: promLabelName.optional(),
    prometheusRule: z
      .strictObject({
        name: z.string().max(253, 'must be at most 253 characters').refine(isDns1123Subdomain, 'must be a Kubernetes object name (DNS-1123 subdomain)').optional(),
        namespace: z.string().max(63, 'must be at most 63 characters').refine(isDns1123Label, 'must be a Kubernetes namespace name (DNS-1123 label)').optional(),
        labels: recordWithoutProto(z.record(k8sLabelKey, k8sLabelValue)).optional(),
      })
      .optional(),
  })
  .superRefine((o, ctx) => {
    const problem = (path: string[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    if (o.teamLabel !== undefined && o.labels?.team !== undefined) problem(['labels', 'team'], 'conflicts with teamLabel, which sets team from the metrics');
    const baseline = o.spike?.baseline === undefined ? null : parsePromDuration(o.spike.baseline);
    if (baseline !== null && baseline <= RECENT_MS) problem(['spike', 'baseline'], `must be longer than the ${RECENT_WINDOW} window it is compared with`);
    const newFor = o.newPassthroughHost?.for === undefined ? null : parsePromDuration(o.newPassthroughHost.for);
    if (newFor !== null && newFor >= RECENT_MS) problem(['newPassthroughHost', 'for'], `must be shorter than ${RECENT_WINDOW}: a host stops being new ${RECENT_WINDOW} after it appears, so the alert could never fire`);
  });

/** Every option with its default filled in. */
export interface ResolvedAlertOptions {
  readonly groupName: string;
  /** Deduplicated and sorted; empty means all. */
  readonly namespaces: readonly string[];
  readonly blackhole: { readonly enabled: boolean; readonly for: string; readonly severity: string; readonly window: string };
  readonly spike: { readonly enabled: boolean; readonly factor: number; readonly baseline: string; readonly minRate: number; readonly for: string; readonly severity: string };
  readonly newPassthroughHost: { readonly enabled: boolean; readonly lookbackDays: number; readonly for: string; readonly severity: string };
  readonly labels: Readonly<Record<string, string>>;
  readonly teamLabel: string | undefined;
  readonly prometheusRule: { readonly name: string; readonly namespace: string; readonly labels: Readonly<Record<string, string>> };
}

/** Validates options (from TypeScript or a JSON body) and fills in the defaults; throws AlertOptionsError naming every bad option. */
export function resolveAlertOptions(raw: unknown): ResolvedAlertOptions {
  const parsed = alertRuleOptionsSchema.safeParse(raw === undefined ? {} : raw);
  if (!parsed.success) throw new AlertOptionsError(describeIssues(parsed.error.issues, { root: 'options', unknownKey: 'unknown option' }));
  const o = parsed.data;
  return {
    groupName: o.groupName ?? 'egress-lens',
    namespaces: [...new Set(o.namespaces ?? [])].sort(),
    blackhole: { enabled: o.blackhole?.enabled ?? true, for: o.blackhole?.for ?? '0m', severity: o.blackhole?.severity ?? 'critical', window: o.blackhole?.window ?? '5m' },
    spike: {
      enabled: o.spike?.enabled ?? true,
      factor: o.spike?.factor ?? 3,
      baseline: o.spike?.baseline ?? '1d',
      minRate: o.spike?.minRate ?? 0.1,
      for: o.spike?.for ?? '10m',
      severity: o.spike?.severity ?? 'warning',
    },
    newPassthroughHost: {
      enabled: o.newPassthroughHost?.enabled ?? true,
      lookbackDays: o.newPassthroughHost?.lookbackDays ?? 7,
      for: o.newPassthroughHost?.for ?? '0m',
      severity: o.newPassthroughHost?.severity ?? 'warning',
    },
    labels: o.labels ?? {},
    teamLabel: o.teamLabel,
    prometheusRule: { name: o.prometheusRule?.name ?? 'egress-lens-alerts', namespace: o.prometheusRule?.namespace ?? 'monitoring', labels: o.prometheusRule?.labels ?? {} },
  };
}

/** Options that are valid but probably not what was meant. */
export function warnAboutOptions(o: ResolvedAlertOptions): string[] {
  const warnings: string[] = [];
  for (const ns of o.namespaces) {
    if (!isDns1123Label(ns)) warnings.push(`namespaces: ${JSON.stringify(ns)} is not a Kubernetes namespace name; it is matched literally, so it matches nothing in a Kubernetes mesh`);
  }
  if (o.blackhole.enabled && (parsePromDuration(o.blackhole.window) ?? 0) < 60_000) {
    warnings.push(`blackhole.window: ${o.blackhole.window} spans fewer than two scrapes at the usual 30s interval, so increase() may see no increase`);
  }
  if (o.newPassthroughHost.enabled && o.newPassthroughHost.lookbackDays > 30) {
    warnings.push(`newPassthroughHost.lookbackDays: every evaluation reads ${o.newPassthroughHost.lookbackDays} days of passthrough samples; check Prometheus's retention and query.max-samples`);
  }
  if (!o.blackhole.enabled && !o.spike.enabled && !o.newPassthroughHost.enabled) warnings.push('every rule is disabled: the group has no rules');
  return warnings;
}
