import type { EgressFlow, WorkloadRef } from './types';

/**
 * Ambient egress through a waypoint (facts §9) is reported twice:
 * - by ztunnel, as the first hop (app -> waypoint over HBONE): a flow with
 *   host null and `via` the waypoint, like the first hop to an egress gateway;
 * - by the waypoint itself (reporter="waypoint"), with the app's source_*
 *   labels and the ServiceEntry host, but no label naming the waypoint.
 * The second is the registered flow (counted once); its `via` is taken from
 * the first hop of the same source.
 */

/** The `via` of a waypoint-reported flow until attachWaypoints names the waypoint. */
export const UNRESOLVED_WAYPOINT: WorkloadRef = Object.freeze({ namespace: '', workload: '' });

const sourceKey = (w: WorkloadRef): string => `${w.cluster ?? ''}\u0000${w.namespace}\u0000${w.workload}`;

/**
 * Names the waypoint of every waypoint-reported flow: the waypoint its source
 * reaches through ztunnel, when there is one; with several, the one in the
 * ServiceEntry's namespace. A flow whose waypoint cannot be told keeps no
 * `via`. Flows keep their order.
 */
export function attachWaypoints(flows: readonly EgressFlow[]): EgressFlow[] {
  if (!flows.some((f) => f.via === UNRESOLVED_WAYPOINT)) return flows as EgressFlow[];
  const hops = new Map<string, WorkloadRef[]>();
  for (const f of flows) {
    if (f.dataPlane !== 'ambient' || f.destination.host !== null || !f.via || f.via === UNRESOLVED_WAYPOINT) continue;
    const list = hops.get(sourceKey(f.source)) ?? [];
    if (!list.some((w) => w.namespace === f.via!.namespace && w.workload === f.via!.workload)) list.push(f.via);
    hops.set(sourceKey(f.source), list);
  }
  return flows.map((f) => {
    if (f.via !== UNRESOLVED_WAYPOINT) return f;
    const candidates = hops.get(sourceKey(f.source)) ?? [];
    const inEntryNamespace = candidates.filter((w) => w.namespace === f.destination.serviceEntryNamespace);
    const waypoint = candidates.length === 1 ? candidates[0] : inEntryNamespace.length === 1 ? inEntryNamespace[0] : undefined;
    const { via: _unresolved, ...rest } = f;
    return waypoint ? { ...rest, via: waypoint } : rest;
  });
}
