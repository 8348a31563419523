import type { EgressFlow } from '../../lib/egress/types';

/** Identity of a flow: source (cluster too) x host x status x protocol (x gateway or waypoint). */
export function flowKey(f: EgressFlow): string {
  const via = f.via ? { namespace: f.via.namespace, workload: f.via.workload } : null;
  return JSON.stringify([f.source.cluster ?? null, f.source.namespace, f.source.workload, f.destination.host, f.destination.status, f.protocol, via]);
}

/** JSON with sorted keys, so field order does not matter. */
function canonical(value: object): string {
  return JSON.stringify(Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1))));
}

function close(actual: number | undefined, expected: number | undefined, tolerance: number): boolean {
  if (expected === undefined || actual === undefined) return actual === expected;
  return Math.abs(actual - expected) <= tolerance * Math.abs(expected) + 1e-9;
}

function closeRecord(a: Readonly<Record<string, number>> | undefined, e: Readonly<Record<string, number>> | undefined, tolerance: number): boolean {
  const keys = new Set([...Object.keys(a ?? {}), ...Object.keys(e ?? {})]);
  return [...keys].every((k) => close(a?.[k], e?.[k], tolerance));
}

/**
 * Differences between the API's flows and the oracle's: missing and extra
 * flows, and every field that differs (rates beyond `tolerance`, relative).
 */
export function diffFlows(actual: readonly EgressFlow[], expected: readonly EgressFlow[], tolerance = 0.01): string[] {
  const problems: string[] = [];
  const byKey = new Map(actual.map((f) => [flowKey(f), f]));
  for (const e of expected) {
    const key = flowKey(e);
    const a = byKey.get(key);
    byKey.delete(key);
    if (!a) {
      problems.push(`missing ${key}`);
      continue;
    }
    const d = (field: string, x: unknown, y: unknown) => problems.push(`${key} ${field}: got ${JSON.stringify(x)}, want ${JSON.stringify(y)}`);
    if (canonical(a.destination) !== canonical(e.destination)) d('destination', a.destination, e.destination);
    if (a.dataPlane !== e.dataPlane) d('dataPlane', a.dataPlane, e.dataPlane);
    if (!close(a.requestsPerSecond, e.requestsPerSecond, tolerance)) d('requestsPerSecond', a.requestsPerSecond, e.requestsPerSecond);
    if (!close(a.connectionsPerSecond, e.connectionsPerSecond, tolerance)) d('connectionsPerSecond', a.connectionsPerSecond, e.connectionsPerSecond);
    if (!close(a.bytesPerSecond, e.bytesPerSecond, tolerance)) d('bytesPerSecond', a.bytesPerSecond, e.bytesPerSecond);
    if (!closeRecord(a.responses, e.responses, tolerance)) d('responses', a.responses, e.responses);
    if (!closeRecord(a.responseFlags, e.responseFlags, tolerance)) d('responseFlags', a.responseFlags, e.responseFlags);
  }
  for (const key of byKey.keys()) problems.push(`unexpected ${key}`);
  return problems;
}
