/**
 * A promote review (POST /api/serviceentries): the evidence for the requested
 * destinations in a window, the blocked attempts to them, and, once any
 * blocked attempt is acknowledged, the resources that register them.
 */
import { getBlockedReport } from '../blocked/blocked';
import { hostsById } from '../egress/host-id';
import { getEgressReport, type EgressDeps } from '../egress/report';
import { getTimeseries } from '../egress/timeseries';
import { generateBundle, type GeneratedBundle, type PromoteOptions } from '../resources';
import { callersDataPlane as callersDataPlaneOf } from '../resources/ambient-bundle';
import type { BlockedCaution } from '../resources/types';
import { BACKEND_WARNING_PREFIX } from '../warnings';
import { blockedCautions } from './blocked';
import { gatherEvidence } from './evidence';

/**
 * What a review answers; `warnings` are the backend's about the evidence
 * (partial data). `blocked`: the destinations blocked in the window; while
 * they are not acknowledged (`acknowledgement: 'required'`) nothing is
 * generated. `range`: the window and end the evidence is from.
 */
export type PromoteAnswer = GeneratedBundle & {
  readonly evidence: Awaited<ReturnType<typeof gatherEvidence>>;
  readonly warnings: string[];
  readonly blocked: BlockedCaution[];
  readonly acknowledgement: 'not-needed' | 'required' | 'given';
  readonly range: { readonly window: string; readonly end: string };
};

/** What a review is asked for: destinations (by host, by id, or the unattributed one), the window, and the generator's options. */
export interface PromoteReview {
  readonly hosts: readonly string[];
  /** Reported hosts by their id (destination.hostId), found in the window's report. */
  readonly hostIds: readonly string[];
  readonly unattributed?: 'passthrough' | 'blocked';
  /** Unix seconds. */
  readonly end: number;
  readonly windowSeconds: number;
  /** The approver vouches for the blocked attempts to these destinations. */
  readonly acknowledgeBlocked: boolean;
  readonly options: Omit<PromoteOptions, 'blockedAcknowledgement'>;
}

export interface PromoteReviewDeps {
  readonly deps: EgressDeps;
  /** The error for a host id the window does not report (`index` in hostIds). */
  readonly unknownHostId: (index: number, id: string) => Error;
}

/** Generates (and validates) the resources that register the requested destinations, from the evidence in the window. */
export async function reviewPromotion(d: PromoteReviewDeps, review: PromoteReview, now: Date): Promise<PromoteAnswer> {
  const { deps } = d;
  const { end, windowSeconds } = review;
  // The blocked attempts come from the same report (and caches) as GET /api/blocked.
  const [report, blockedReport] = await Promise.all([
    getEgressReport(deps, { end, windowSeconds, namespaces: [] }),
    getBlockedReport(deps, end, windowSeconds),
  ]);
  const reported = hostsById(report);
  const named = review.hostIds.map((id, i) => {
    const host = reported.get(id);
    if (host === undefined) throw d.unknownHostId(i, id);
    return host;
  });
  const hosts = [...new Set([...review.hosts, ...named])];
  const seriesWarnings: string[] = [];
  const evidence = await gatherEvidence(report, { hosts, unattributed: review.unattributed }, windowSeconds, (subject) =>
    getTimeseries({ client: deps.client, caches: deps.caches, ...(report.outboundMode ? { ruleContext: report.outboundMode } : {}) }, { subject, end, windowSeconds })
      .then((ts) => {
        seriesWarnings.push(...ts.warnings.filter((w) => w.startsWith(BACKEND_WARNING_PREFIX)));
        return ts;
      })
      .catch(() => null),
  );
  const blocked = blockedCautions(blockedReport, evidence);
  const warnings = [...new Set([...report.warnings, ...blockedReport.warnings, ...seriesWarnings])];
  const range = { window: blockedReport.window, end: blockedReport.end };
  if (blocked.length > 0 && !review.acknowledgeBlocked) {
    // Nothing is generated for a blocked destination until someone vouches for it.
    const callersDataPlane = callersDataPlaneOf(evidence);
    const nothing = { dataPlane: review.options.dataPlane ?? callersDataPlane, callersDataPlane, objects: [], yaml: '', validation: { errors: [], warnings: [] }, notes: [], companions: [], wildcardOffers: [], skipped: [] };
    return { ...nothing, evidence, warnings, blocked, acknowledgement: 'required', range };
  }
  const acknowledged = blocked.length > 0;
  const options: PromoteOptions = {
    ...review.options,
    ...(acknowledged ? { blockedAcknowledgement: { by: review.options.requestedBy || 'anonymous', at: now.toISOString(), cautions: blocked } } : {}),
  };
  return { ...generateBundle(evidence, options, now), evidence, warnings, blocked, acknowledgement: acknowledged ? 'given' : 'not-needed', range };
}
