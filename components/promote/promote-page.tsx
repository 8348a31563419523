'use client';

import { useMutation } from '@tanstack/react-query';
import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { useEffect, useMemo, useState } from 'react';
import { displayText } from '@/lib/format';
import { promotableHost } from '@/lib/serviceentry/names';
import type { ApiErrorBody, PromoteAnswer, ValidationResult } from '../api-types';
import { EvidenceView } from './evidence-view';
import { EMPTY_FORM, OptionsForm, toBody, type PromoteFormState } from './options-form';
import { parsePromoteRequest, promoteHostsHref } from './promote-request';
import { YamlEditor } from './yaml-editor';
import { FullValue, LabelText } from '../ui/label-text';
import { PageHeader } from '../ui/page-controls';
import { TimeControls } from '../ui/time-controls';
import { useRange } from '../page/use-url-params';
import { BackendError, DataWarnings } from '../ui/backend-state';
import { ERROR_RETRY_MS, networkError, toApiRequestError, type ApiRequestError } from '../queries';

/** Longest host shown in the title and refusals; the full value is in the refusal's box. */
const TITLE_HOST_MAX = 120;

type PromoteError = ApiErrorBody & Partial<Pick<PromoteAnswer, 'yaml' | 'validation'>>;

async function post<T>(path: string, body: unknown): Promise<{ ok: boolean; status: number; body: T }> {
  const res = await fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  return { ok: res.ok, status: res.status, body: (await res.json().catch(() => null)) as T };
}

/** The review of the resources that would register observed egress: evidence, options, YAML with live validation. */
export function PromotePage() {
  const params = useSearchParams();
  const request = useMemo(() => parsePromoteRequest(new URLSearchParams(params.toString())), [params]);
  const [range, setRange] = useRange();
  const [form, setForm] = useState<PromoteFormState>(EMPTY_FORM);
  const [yaml, setYaml] = useState('');
  const [edited, setEdited] = useState<ValidationResult | null>(null);
  const [validating, setValidating] = useState(false);
  // The last answer (a 400 included), kept while the backend fails; and that failure, retried every few seconds.
  const [answer, setAnswer] = useState<PromoteAnswer | PromoteError | undefined>();
  const [answeredAt, setAnsweredAt] = useState<number | undefined>();
  const [failure, setFailure] = useState<{ error: ApiRequestError } | null>(null);

  // Hosts no ServiceEntry can hold (markup, quotes, control characters, 10 kB...) are refused here, with the
  // reason, and never sent: the generator would refuse them too (lib/serviceentry promotableHost).
  const { sendable, refused } = useMemo(() => {
    const checked = request.hosts.map((host) => ({ host, promotion: promotableHost(host) }));
    return {
      sendable: checked.filter((c) => c.promotion.kind !== 'refused').map((c) => c.host),
      refused: checked.flatMap((c) => (c.promotion.kind === 'refused' ? [{ host: c.host, reason: c.promotion.reason }] : [])),
    };
  }, [request.hosts]);
  const nothingToGenerate = sendable.length === 0 && request.unattributed === undefined;

  const generate = useMutation({
    mutationFn: (body: unknown) => post<PromoteAnswer | PromoteError | null>('/api/serviceentries', body),
    onSuccess: (res) => {
      if (res.status >= 500 || res.body === null) {
        setFailure({ error: toApiRequestError(res.status, res.body) });
        return;
      }
      setFailure(null);
      setAnswer(res.body);
      setAnsweredAt(Date.now());
      setYaml(res.body.yaml ?? '');
      setEdited(null);
    },
    onError: () => setFailure({ error: networkError() }),
  });
  const { mutate } = generate;
  const body = useMemo(() => toBody(sendable, request.unattributed, request.window, request.end, form), [sendable, request, form]);
  useEffect(() => {
    if (!nothingToGenerate) mutate(body);
  }, [body, mutate, nothingToGenerate]);
  useEffect(() => {
    if (!failure || nothingToGenerate) return;
    const timer = setTimeout(() => mutate(body), ERROR_RETRY_MS);
    return () => clearTimeout(timer);
  }, [failure, body, mutate, nothingToGenerate]);

  // Re-validate edits as the user types (debounced).
  useEffect(() => {
    if (!answer) return;
    if (yaml === (answer.yaml ?? '')) {
      // Back to the generated text: its own validation applies again.
      // eslint-disable-next-line react-hooks/set-state-in-effect
      setEdited(null);
      return;
    }
    const timer = setTimeout(() => {
      setValidating(true);
      void post<{ validation?: ValidationResult } & Partial<ApiErrorBody>>('/api/serviceentries/validate', { yaml })
        .then((r) => setEdited(r.body.validation ?? { errors: [{ doc: 0, kind: 'YAML', name: '', path: '', message: r.body.error?.message ?? 'invalid' }], warnings: [] }))
        .finally(() => setValidating(false));
    }, 300);
    return () => clearTimeout(timer);
  }, [yaml, answer]);

  // A 400 still carries the evidence and what was generated, beside the error.
  const generated = answer && 'evidence' in answer ? (answer as PromoteAnswer) : undefined;
  const error = answer && 'error' in answer ? answer : undefined;
  const validation = edited ?? answer?.validation ?? { errors: [], warnings: [] };
  const title =
    request.hosts.length > 0
      ? request.hosts.map((h, i) => (
          <span key={h}>
            {i > 0 && ', '}
            <LabelText value={h} max={TITLE_HOST_MAX} className="font-mono break-all" />
          </span>
        ))
      : request.unattributed
        ? `unattributed ${request.unattributed} TLS/TCP`
        : 'nothing selected';
  const filename = `serviceentry-${(sendable[0] ?? 'tcp').replace(/[^a-z0-9.-]+/gi, '-').replace(/^\*\./, 'wildcard.').slice(0, 60)}.yaml`;
  const needsAddress = request.unattributed !== undefined;

  return (
    <main className="mx-auto flex max-w-7xl flex-col gap-4 p-3 sm:p-6">
      <PageHeader title={<>Promote to ServiceEntry: {title}</>}>
        <TimeControls
          page="promote"
          range={range}
          onChange={setRange}
          namespaces={[]}
          namespaceNote="Kept for the way back to the other pages: the evidence and the ServiceEntry cover every caller, whatever its namespace."
        />
      </PageHeader>
      {request.hosts.length === 0 && !request.unattributed && <p role="alert">Open this page from a passthrough or blocked host of the graph.</p>}
      {refused.map((r) => (
        <div key={r.host} role="alert" aria-label="Cannot register" className="rounded border border-red-400 bg-red-50 p-2 text-sm text-red-900 dark:bg-red-950 dark:text-red-100">
          <p>
            <strong>Not registered:</strong> <LabelText value={r.host} max={TITLE_HOST_MAX} className="font-mono break-all" /> cannot be a ServiceEntry host.
          </p>
          <p className="mt-1 text-xs">{displayText(r.reason)}</p>
          {(r.host.length > TITLE_HOST_MAX || displayText(r.host) !== r.host) && <FullValue value={r.host} label="Host" />}
        </div>
      ))}
      {generated?.skipped.map((s) => (
        <p key={s.host} role="status" className="rounded border border-emerald-500 p-2 text-sm">
          <LabelText value={s.host} max={TITLE_HOST_MAX} className="font-mono" /> is already registered
          {s.serviceEntryNamespace ? ` by a ServiceEntry in namespace ${displayText(s.serviceEntryNamespace)}` : ''}: nothing to promote. {displayText(s.reason)}
        </p>
      ))}
      <OptionsForm value={form} onChange={setForm} needsAddress={needsAddress} />
      {failure && <BackendError error={failure.error} keptSince={answer ? answeredAt : undefined} end={range.end} />}
      {generated && <DataWarnings warnings={generated.warnings} />}
      {nothingToGenerate && refused.length > 0 && <p className="text-sm">Nothing to generate: no host of this review can be registered.</p>}
      {generate.isPending && !failure && <p className="text-sm text-slate-500">Generating…</p>}
      {error && !error.yaml && (
        <p role="alert" className="rounded border border-red-400 bg-red-50 p-2 text-sm text-red-900 dark:bg-red-950 dark:text-red-100">
          {displayText(error.error.message)}
        </p>
      )}
      <div className="grid gap-6 lg:grid-cols-2">
        <div className="space-y-4">
          {generated && <EvidenceView evidence={generated.evidence} />}
          {generated && generated.notes.length > 0 && (
            <section aria-label="Notes" className="text-xs">
              <h2 className="mb-1 text-sm font-semibold">Notes</h2>
              <ul className="list-disc space-y-1 pl-5">
                {generated.notes.map((n) => (
                  <li key={n}>{displayText(n)}</li>
                ))}
              </ul>
            </section>
          )}
          {generated && generated.companions.length > 0 && (
            <section aria-label="Companion hosts" className="text-xs">
              <h2 className="mb-1 text-sm font-semibold">Hosts that usually come along</h2>
              {generated.companions.map((c) => (
                <p key={c.set}>
                  {c.set}: {displayText(c.reason)} Missing: <span className="font-mono">{displayText(c.missing.join(', ')) || 'none'}</span>{' '}
                  {c.missing.length > 0 && (
                    <Link className="underline" href={promoteHostsHref([...sendable, ...c.missing], range)}>
                      add them
                    </Link>
                  )}
                </p>
              ))}
            </section>
          )}
          {generated && generated.wildcardOffers.length > 0 && (
            <section aria-label="Wildcard offers" className="text-xs">
              <h2 className="mb-1 text-sm font-semibold">One wildcard instead?</h2>
              {generated.wildcardOffers.map((o) => (
                <p key={o.domain}>
                  <span className="font-mono">*.{displayText(o.domain)}</span> would cover {displayText(o.hosts.join(', '))}. {displayText(o.explanation)}
                </p>
              ))}
            </section>
          )}
        </div>
        {(yaml || error?.yaml) && (
          <YamlEditor value={yaml} onChange={setYaml} errors={validation.errors} warnings={validation.warnings} validating={validating} filename={filename} />
        )}
      </div>
    </main>
  );
}
