'use client';

import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { displayText } from '@/lib/format';
import { alertRulesAnswerSchema } from '@/lib/api/answers';
import { postJson } from '../queries';
import { downloadText } from '../ui/download';
import { CONTROL, PageHeader } from '../ui/page-controls';

interface Form {
  readonly severityBlocked: string;
  readonly spikeFactor: string;
  readonly spikeBaseline: string;
  readonly lookbackDays: string;
  readonly namespaces: string;
  readonly team: string;
  readonly ruleNamespace: string;
}

const DEFAULTS: Form = { severityBlocked: 'critical', spikeFactor: '3', spikeBaseline: '1d', lookbackDays: '7', namespaces: '', team: '', ruleNamespace: 'monitoring' };

function toOptions(f: Form): Record<string, unknown> {
  const namespaces = f.namespaces.split(',').map((s) => s.trim()).filter(Boolean);
  return {
    ...(namespaces.length ? { namespaces } : {}),
    blackhole: { severity: f.severityBlocked },
    spike: { factor: Number(f.spikeFactor), baseline: f.spikeBaseline },
    newPassthroughHost: { lookbackDays: Number(f.lookbackDays) },
    ...(f.team.trim() ? { labels: { team: f.team.trim() } } : {}),
    prometheusRule: { namespace: f.ruleNamespace },
  };
}


/** Alerting rules for egress: blocked attempts, spikes, new passthrough hosts; as a rules file or a PrometheusRule. */
export function AlertsPage() {
  const id = useId();
  const [form, setForm] = useState<Form>(DEFAULTS);
  const [format, setFormat] = useState<'rules' | 'prometheusRule'>('rules');
  const body = JSON.stringify(toOptions(form));
  const rules = useQuery({
    queryKey: ['alert-rules', body],
    queryFn: () => postJson('/api/alert-rules', body, alertRulesAnswerSchema),
    placeholderData: (p) => p,
    retry: false,
  });
  const input = CONTROL;
  const field = (k: keyof Form, label: string) => (
    <label className="flex flex-col gap-0.5 text-xs" htmlFor={`${id}-${k}`}>
      {label}
      <input id={`${id}-${k}`} className={input} value={form[k]} onChange={(e) => setForm({ ...form, [k]: e.target.value })} />
    </label>
  );
  const text = rules.data ? (format === 'rules' ? rules.data.rulesFile : rules.data.prometheusRule) : '';
  return (
    <main className="mx-auto max-w-6xl space-y-4 p-3 sm:p-6">
      <PageHeader
        title="Egress alerting rules"
        description="Any blocked egress from a workload (attempted exfiltration), a spike of blocked attempts per source, and passthrough hosts not seen before."
      />
      <fieldset className="grid grid-cols-2 gap-3 md:grid-cols-4">
        <legend className="mb-2 text-sm font-semibold">Options</legend>
        {field('severityBlocked', 'Severity of blocked attempts')}
        {field('spikeFactor', 'Spike: times the baseline')}
        {field('spikeBaseline', 'Spike: baseline window')}
        {field('lookbackDays', 'New host: not seen in (days)')}
        {field('namespaces', 'Source namespaces (comma-separated, empty = all)')}
        {field('team', 'team label (optional)')}
        {field('ruleNamespace', 'PrometheusRule namespace')}
      </fieldset>
      {rules.isError && (
        <p role="alert" className="rounded border border-red-400 bg-red-50 p-2 text-sm text-red-900 dark:bg-red-950 dark:text-red-100">
          {displayText(rules.error.message)}
        </p>
      )}
      {rules.data?.warnings.map((w) => (
        <p key={w} className="text-xs text-amber-800 dark:text-amber-300">
          {displayText(w)}
        </p>
      ))}
      <div className="flex items-center gap-2 text-sm">
        <div role="tablist" aria-label="Format" className="flex overflow-hidden rounded border border-slate-300 dark:border-slate-700">
          {(['rules', 'prometheusRule'] as const).map((f) => (
            <button key={f} type="button" role="tab" aria-selected={format === f} className={`px-3 py-0.5 ${format === f ? 'bg-slate-800 text-white dark:bg-slate-200 dark:text-slate-900' : ''}`} onClick={() => setFormat(f)}>
              {f === 'rules' ? 'Rules file' : 'PrometheusRule'}
            </button>
          ))}
        </div>
        <button type="button" className={input} disabled={!text} onClick={() => void navigator.clipboard?.writeText(text)}>
          Copy
        </button>
        <button type="button" className={input} disabled={!text} onClick={() => downloadText(text, 'application/yaml', format === 'rules' ? 'egress-lens-rules.yaml' : 'egress-lens-prometheusrule.yaml')}>
          Download
        </button>
      </div>
      <pre aria-label="Generated rules" className="max-h-[60vh] overflow-auto rounded bg-slate-100 p-3 text-xs dark:bg-slate-900">
        {displayText(text, { multiline: true })}
      </pre>
      <p className="text-xs text-slate-600 dark:text-slate-400">
        Check with <code>promtool check rules egress-lens-rules.yaml</code>; load into Prometheus via <code>rule_files</code>, or apply the PrometheusRule for the Prometheus Operator.
      </p>
    </main>
  );
}
