'use client';

import { useMutation } from '@tanstack/react-query';
import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { displayText, formatTimestamp } from '@/lib/format';
import { exportBlockedReason, NO_EDITS, reduceEdits } from '@/lib/promote/edits';
import { CONFLICT_OURS } from '@/lib/promote/merge';
import { bundleFileName } from '@/lib/promote/file-name';
import { toBody } from '@/lib/promote/options';
import { describeRange } from '@/lib/promote/range-text';
import { promotableHost } from '@/lib/resources/names';
import type { ValidationResult } from '../api-types';
import { BlockedCautionView } from './blocked-caution';
import { EditMerge } from './edit-merge';
import { EvidenceView } from './evidence-view';
import { OptionsForm } from './options-form';
import { parsePromoteRequest, type PromoteRequest } from './promote-request';
import { usePromoteOptions } from './use-promote-options';
import { useNamedHosts } from './use-named-hosts';
import { YamlEditor } from './yaml-editor';
import { FullValue, LabelText } from '../ui/label-text';
import { PageHeader } from '../ui/page-controls';
import { TimeControls } from '../ui/time-controls';
import { useRange } from '../page/use-url-params';
import { BackendError, DataWarnings } from '../ui/backend-state';
import { ApiRequestError, ERROR_RETRY_MS, networkError } from '../queries';
import { postPromote, reviewOf, serviceEntryHosts, validateYaml, type PromoteAnswer, type PromoteRefusal } from './promote-answer';

/** Longest host shown in the title and refusals; the full value is in the refusal's box. */
const TITLE_HOST_MAX = 120;

/** The review of the resources that would register observed egress: caution, evidence, options, YAML with live validation. */
export function PromotePage() {
  const params = useSearchParams();
  const query = params.toString();
  const request = useMemo(() => parsePromoteRequest(new URLSearchParams(query)), [query]);
  // Another destination or time range is another review: its acknowledgement and edits start afresh.
  const key = JSON.stringify([request.hosts, request.hostIds, request.unattributed ?? null, request.window, request.end ?? null]);
  return <PromoteReview key={key} request={request} query={query} />;
}

interface PromoteReviewProps {
  readonly request: PromoteRequest;
  /** The page's query string when the review opened (options are read from it once). */
  readonly query: string;
}

function PromoteReview({ request, query }: PromoteReviewProps) {
  // Hosts named by id (hostId=, a host too long for a URL) are looked up first, then reviewed like the others.
  const named = useNamedHosts(request);
  const hosts = useMemo(() => [...new Set([...request.hosts, ...named.hosts])], [request.hosts, named.hosts]);
  const [range, setRange] = useRange();
  const [form, setForm] = usePromoteOptions(new URLSearchParams(query));
  const [acknowledged, setAcknowledged] = useState(false);
  const [edits, dispatch] = useReducer(reduceEdits, NO_EDITS);
  const [checked, setChecked] = useState<{ text: string; result: ValidationResult } | null>(null);
  // The last answer (a 400 included), kept while the backend fails; and that failure, retried every few seconds.
  const [answer, setAnswer] = useState<PromoteAnswer | PromoteRefusal | undefined>();
  const [answeredAt, setAnsweredAt] = useState<number | undefined>();
  const [failure, setFailure] = useState<{ error: ApiRequestError } | null>(null);

  // Hosts no ServiceEntry can hold (markup, quotes, control characters, 10 kB...) are refused here, with the
  // reason, and never sent: the generator would refuse them too (lib/resources promotableHost).
  const { sendable, refused } = useMemo(() => {
    const checked = hosts.map((host) => ({ host, promotion: promotableHost(host) }));
    return {
      sendable: checked.filter((c) => c.promotion.kind !== 'refused').map((c) => c.host),
      refused: checked.flatMap((c) => (c.promotion.kind === 'refused' ? [{ host: c.host, reason: c.promotion.reason }] : [])),
    };
  }, [hosts]);
  const nothingToGenerate = !named.pending && sendable.length === 0 && request.unattributed === undefined;

  const body = useMemo(
    () => JSON.stringify(toBody(sendable, request.unattributed, request.window, request.end, form, acknowledged)),
    [sendable, request.unattributed, request.window, request.end, form, acknowledged],
  );
  // Only the answer to the latest body counts: an older one arriving late must not replace it.
  const latest = useRef(body);
  const generate = useMutation({
    mutationFn: postPromote,
    onSuccess: (body, sent) => {
      if (sent !== latest.current) return;
      setFailure(null);
      setAnswer(body);
      setAnsweredAt(Date.now());
      dispatch({ type: 'generated', yaml: reviewOf(body)?.yaml ?? '' });
    },
    onError: (err, sent) => {
      // A failing backend, or an answer this page cannot read: said, and retried.
      if (sent === latest.current) setFailure({ error: err instanceof ApiRequestError ? err : networkError() });
    },
  });
  const { mutate } = generate;
  useEffect(() => {
    latest.current = body;
    if (!nothingToGenerate && !named.pending) mutate(body);
  }, [body, mutate, nothingToGenerate, named.pending]);
  useEffect(() => {
    if (!failure || nothingToGenerate) return;
    const timer = setTimeout(() => mutate(body), ERROR_RETRY_MS);
    return () => clearTimeout(timer);
  }, [failure, body, mutate, nothingToGenerate]);

  // A 400 still carries the evidence (and what was generated, or the blocked attempts to acknowledge) beside the error.
  const generated = reviewOf(answer);
  const generatedYaml = generated?.yaml ?? '';
  // Re-validate edits as the user types (debounced); the generated text comes with its own validation.
  useEffect(() => {
    const text = edits.text;
    if (text === '' || text === generatedYaml) return;
    const timer = setTimeout(() => {
      void validateYaml(text).then((result) => setChecked({ text, result }));
    }, 300);
    return () => clearTimeout(timer);
  }, [edits.text, generatedYaml]);
  const validation = edits.text === generatedYaml ? (generated?.validation ?? null) : checked?.text === edits.text ? checked.result : null;

  const error = answer && 'error' in answer ? answer : undefined;
  const cautions = generated?.blocked ?? [];
  const acknowledgementPending = generated?.acknowledgement === 'required';
  const disabledReason = exportBlockedReason({ acknowledgementPending, edits, errors: validation ? validation.errors.length : null });
  const rangeText = generated?.range
    ? describeRange(generated.range.window, generated.range.end)
    : `the ${request.window} window ending ${request.end ? formatTimestamp(request.end * 1000) : 'now'}`;
  // Conflict markers the approver has not resolved yet.
  const conflicts = edits.conflicts > 0 ? edits.text.split('\n').filter((l) => l === CONFLICT_OURS).length : 0;
  const seHosts = serviceEntryHosts(generated?.objects ?? []);
  const filename = bundleFileName(seHosts.length > 0 ? seHosts : sendable.length > 0 ? sendable : ['tcp']);
  const title =
    hosts.length > 0
      ? hosts.map((h, i) => (
          <span key={h}>
            {i > 0 && ', '}
            <LabelText value={h} max={TITLE_HOST_MAX} className="font-mono break-all" />
          </span>
        ))
      : request.unattributed
        ? `unattributed ${request.unattributed} TLS/TCP`
        : named.pending
          ? 'finding the host…'
          : 'nothing selected';
  const withHosts = (hosts: readonly string[]) => {
    const p = new URLSearchParams(globalThis.location?.search ?? query);
    p.delete('host');
    for (const h of hosts) p.append('host', h);
    return `/promote?${p.toString()}`;
  };

  return (
    <main className="mx-auto flex max-w-7xl flex-col gap-4 p-3 sm:p-6">
      <PageHeader
        title={<>Promote to ServiceEntry: {title}</>}
        description={
          <span data-testid="review-range">
            Evidence from {rangeText}
            {request.end === undefined ? ' (live)' : ''}
          </span>
        }
      >
        <TimeControls
          page="promote"
          range={range}
          onChange={setRange}
          namespaces={[]}
          namespaceNote="Kept for the way back to the other pages: the evidence and the ServiceEntry cover every caller, whatever its namespace."
        />
      </PageHeader>
      {hosts.length === 0 && request.hostIds.length === 0 && !request.unattributed && <p role="alert">Open this page from a passthrough or blocked host of the graph.</p>}
      {named.error && (
        <p role="alert" className="rounded border border-red-400 bg-red-50 p-2 text-sm text-red-900 dark:bg-red-950 dark:text-red-100">
          {displayText(named.error.message)}
        </p>
      )}
      {refused.map((r) => (
        <div key={r.host} role="alert" aria-label="Cannot register" className="rounded border border-red-400 bg-red-50 p-2 text-sm text-red-900 dark:bg-red-950 dark:text-red-100">
          <p>
            <strong>Not registered:</strong> <LabelText value={r.host} max={TITLE_HOST_MAX} className="font-mono break-all" /> cannot be a ServiceEntry host.
          </p>
          <p className="mt-1 text-xs">{displayText(r.reason)}</p>
          {(r.host.length > TITLE_HOST_MAX || displayText(r.host) !== r.host) && <FullValue value={r.host} label="Host" />}
        </div>
      ))}
      {cautions.length > 0 && <BlockedCautionView cautions={cautions} range={rangeText} acknowledged={acknowledged} onAcknowledge={setAcknowledged} />}
      {generated?.skipped.map((s) => (
        <p key={s.host} role="status" className="rounded border border-emerald-500 p-2 text-sm">
          <LabelText value={s.host} max={TITLE_HOST_MAX} className="font-mono" /> is already registered
          {s.serviceEntryNamespace ? ` by a ServiceEntry in namespace ${displayText(s.serviceEntryNamespace)}` : ''}: nothing to promote. {displayText(s.reason)}
        </p>
      ))}
      <OptionsForm value={form} onChange={setForm} needsAddress={request.unattributed !== undefined} callersDataPlane={generated?.callersDataPlane} />
      {failure && <BackendError error={failure.error} keptSince={answer ? answeredAt : undefined} end={range.end} />}
      {generated && <DataWarnings warnings={generated.warnings} />}
      {nothingToGenerate && refused.length > 0 && <p className="text-sm">Nothing to generate: no host of this review can be registered.</p>}
      {generate.isPending && !failure && <p className="text-sm text-slate-500">Generating…</p>}
      {error && !generated?.yaml && error.error.code !== 'blocked-unacknowledged' && (
        <p role="alert" className="rounded border border-red-400 bg-red-50 p-2 text-sm text-red-900 dark:bg-red-950 dark:text-red-100">
          {displayText(error.error.message)}
        </p>
      )}
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        <div className="min-w-0 space-y-4">
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
                    <Link className="underline" href={withHosts([...sendable, ...c.missing])}>
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
        {(edits.text !== '' || acknowledgementPending) && (
          <div className="min-w-0 space-y-3">
            {edits.incoming !== null && !acknowledgementPending && (
              <EditMerge edit={edits.text} incoming={edits.incoming} onApplyMine={() => dispatch({ type: 'apply-mine' })} onDiscardMine={() => dispatch({ type: 'discard-mine' })} />
            )}
            <YamlEditor
              value={edits.text}
              onChange={(text) => dispatch({ type: 'edit', text })}
              errors={validation?.errors ?? []}
              warnings={validation?.warnings ?? []}
              validating={validation === null && edits.text !== ''}
              filename={filename}
              disabledReason={disabledReason}
              locked={acknowledgementPending}
              conflicts={conflicts}
            />
          </div>
        )}
      </div>
    </main>
  );
}
