/** The caution of a review: which of its destinations the mesh blocked in the window (attempted exfiltration?). */
import type { BlockedReport } from '../blocked/blocked';
import { capList, formatAttempts, mergeBlockedSources } from '../resources/annotations';
import { promotableHost } from '../resources/names';
import type { BlockedCaution, HostEvidence } from '../resources/types';

/**
 * The destinations of the evidence that were blocked (BlackHoleCluster) in
 * the report's window, with who tried, how often and when, from the same
 * report as /api/blocked. Registered hosts (nothing is generated for them),
 * hosts no ServiceEntry can hold (refused anyway) and the unattributed
 * passthrough destination are left out.
 */
export function blockedCautions(report: Pick<BlockedReport, 'attempts' | 'window' | 'end'>, evidence: readonly Pick<HostEvidence, 'host' | 'status'>[]): BlockedCaution[] {
  const cautions: BlockedCaution[] = [];
  for (const e of evidence) {
    if (e.status === 'registered') continue;
    if (e.host === null ? e.status !== 'blocked' : promotableHost(e.host).kind === 'refused') continue;
    if (cautions.some((c) => c.host === e.host)) continue;
    const attempts = report.attempts.filter((a) => a.host === e.host && a.attempts > 0);
    if (attempts.length === 0) continue;
    const sources = mergeBlockedSources(
      attempts.map((a) => ({ ...a.source, attempts: a.attempts, ...(a.firstSeen ? { firstSeen: a.firstSeen } : {}), ...(a.lastSeen ? { lastSeen: a.lastSeen } : {}) })),
    );
    const firstSeen = sources.map((s) => s.firstSeen).filter((t) => t !== undefined).sort()[0];
    const lastSeen = sources.map((s) => s.lastSeen).filter((t) => t !== undefined).sort().at(-1);
    cautions.push({
      host: e.host,
      sources,
      attempts: sources.reduce((s, x) => s + x.attempts, 0),
      ...(firstSeen !== undefined ? { firstSeen } : {}),
      ...(lastSeen !== undefined ? { lastSeen } : {}),
      window: report.window,
      end: report.end,
    });
  }
  return cautions;
}

/** Why a request for blocked destinations needs an acknowledgement, in words, naming each destination and its attempts. */
export function acknowledgementRequiredMessage(cautions: readonly BlockedCaution[]): string {
  const each = cautions.map((c) => {
    const who = capList(c.sources.map((s) => `${s.namespace}/${s.workload}`), 5);
    const when = c.firstSeen && c.lastSeen ? `, first seen ${c.firstSeen}, last seen ${c.lastSeen}` : '';
    return `${c.host ?? 'the unattributed TLS/TCP destination'}: ${formatAttempts(c.attempts)} blocked in the ${c.window} window ending ${c.end}, from ${who}${when}`;
  });
  return `acknowledgeBlocked: required. ${each.join('; ')}. A blocked destination can be attempted exfiltration: review these attempts, then send "acknowledgeBlocked": true to confirm it is a legitimate destination; the acknowledgement is recorded in the generated resources.`;
}
