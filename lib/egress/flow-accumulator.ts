/**
 * The one data path from samples to flows: add every sample of the two
 * egress queries as it is read, then finish with the cardinality guard.
 *
 *   const acc = new FlowAccumulator(options);
 *   client.streamInstantQuery(http, end, (s) => acc.add(s, 'requests'));
 *   client.streamInstantQuery(tcp, end, (s) => acc.add(s, 'tcp'));
 *   const { flows, warnings } = acc.finish(topHostsPerStatus);
 */
import type { Sample } from '../prometheus/types';
import { addCount } from './counts';
import { guardFlows, type GuardResult, type SummedFlow } from './guard';
import { placeSample, type FlowMetric, type FlowOptions, type PlacedSample } from './place-sample';
import type { WorkloadRef } from './types';

/** A source workload's flows, by host ('' for flows without one). */
interface SourceFlows {
  /** The source, one object shared by all its flows. */
  readonly ref: WorkloadRef;
  /**
   * Almost every host has one flow from a source; it has several only when
   * they differ in status, protocol, data plane or gateway. A single flow is
   * stored as itself, so that 10^5 hosts do not cost 10^5 arrays.
   */
  readonly byHost: Map<string, SummedFlow | SummedFlow[]>;
}

/** The warning for series whose value was not a usable rate. */
function skippedWarnings(skipped: number): string[] {
  return skipped > 0 ? [`${skipped} series had unusable values (not a finite rate) and were ignored.`] : [];
}

/** Whether `f` is the flow of a placed sample from the same source and host. */
function isFlowOf(f: SummedFlow, p: PlacedSample): boolean {
  if (f.status !== p.status || f.protocol !== p.protocol || f.dataPlane !== p.dataPlane) return false;
  if (f.via === undefined || p.via === undefined) return f.via === p.via;
  return f.via.namespace === p.via.namespace && f.via.workload === p.via.workload;
}

function newFlow(source: WorkloadRef, p: PlacedSample): SummedFlow {
  // Every SummedFlow has the same fields in the same order (one hidden class for 10^5 of them).
  return {
    source,
    host: p.host?.host ?? null,
    status: p.status,
    protocol: p.protocol,
    dataPlane: p.dataPlane,
    via: p.via,
    serviceEntryNamespace: p.serviceEntryNamespace,
    ports: undefined,
    ip: false,
    requests: undefined,
    connections: undefined,
    bytes: undefined,
    responses: undefined,
    flags: undefined,
  };
}

/** Adds what one sample measures to its flow. */
function addSample(f: SummedFlow, p: PlacedSample): void {
  const v = p.value;
  switch (p.measure) {
    case 'requests':
      f.requests = (f.requests ?? 0) + v;
      f.responses = addCount(f.responses, p.code ?? 'unknown', v);
      if (p.flag) f.flags = addCount(f.flags, p.flag, v);
      break;
    case 'bytes':
      f.bytes = (f.bytes ?? 0) + v;
      break;
    case 'connections':
      f.connections = (f.connections ?? 0) + v;
      break;
    case 'closed':
      if (p.flag) f.flags = addCount(f.flags, p.flag, v);
      break;
  }
  const host = p.host;
  if (host?.port !== undefined && !f.ports?.includes(host.port)) (f.ports ??= []).push(host.port);
  if (host?.ip) f.ip = true;
}

/**
 * Sums samples into flows as they arrive, one per source workload x host x
 * status x protocol x data plane (x gateway), pod series summed: the samples
 * of both egress queries, in any order, one at a time, so that an answer
 * being read never has to be held (PrometheusClient.streamInstantQuery).
 * Only the sums are kept. finish() applies the cardinality guard (guard.ts).
 */
export class FlowAccumulator {
  /** By cluster ('' when the series carry none), namespace, workload: nested maps on the label strings, no key built per sample. */
  private readonly sources = new Map<string, Map<string, Map<string, SourceFlows>>>();
  /** Every flow, in the order first seen. */
  private readonly flows: SummedFlow[] = [];
  /** Samples that were not a usable rate, or measured nothing we know. */
  private skipped = 0;
  /** Hosts whose status the host-named-without-namespace rule decided (RuleContext), not the labels alone. */
  readonly decidedHosts = new Set<string>();

  constructor(private readonly opts: FlowOptions) {}

  /** Adds one sample of the requests or the TCP query; samples that are not egress are dropped. */
  add(sample: Sample, metric: FlowMetric): void {
    const p = placeSample(sample, metric, this.opts);
    if (p === null) return;
    if (p === 'unusable') {
      this.skipped++;
      return;
    }
    addSample(this.flowOf(p), p);
    if (p.decided && p.host) this.decidedHosts.add(p.host.host);
  }

  /** The flows, after the cardinality guard keeps the top `topK` hosts per status (guard.ts), sorted (sortFlows); with every warning. */
  finish(topK: number): GuardResult {
    const guarded = guardFlows(this.flows, topK);
    return { flows: guarded.flows, warnings: [...skippedWarnings(this.skipped), ...guarded.warnings] };
  }

  /** The flow a placed sample belongs to, new when there is none yet. */
  private flowOf(p: PlacedSample): SummedFlow {
    const source = this.sourceOf(p);
    const slot = p.host?.host ?? '';
    const found = source.byHost.get(slot);
    if (found === undefined) {
      const f = this.newFlow(source.ref, p);
      source.byHost.set(slot, f);
      return f;
    }
    if (!Array.isArray(found)) {
      if (isFlowOf(found, p)) return found;
      const f = this.newFlow(source.ref, p);
      source.byHost.set(slot, [found, f]);
      return f;
    }
    const existing = found.find((f) => isFlowOf(f, p));
    if (existing) return existing;
    const f = this.newFlow(source.ref, p);
    found.push(f);
    return f;
  }

  private newFlow(source: WorkloadRef, p: PlacedSample): SummedFlow {
    const f = newFlow(source, p);
    this.flows.push(f);
    return f;
  }

  private sourceOf({ cluster, namespace, workload }: PlacedSample): SourceFlows {
    let byNamespace = this.sources.get(cluster ?? '');
    if (!byNamespace) this.sources.set(cluster ?? '', (byNamespace = new Map()));
    let byWorkload = byNamespace.get(namespace);
    if (!byWorkload) byNamespace.set(namespace, (byWorkload = new Map()));
    let source = byWorkload.get(workload);
    if (!source) {
      const ref = cluster === undefined ? { namespace, workload } : { namespace, workload, cluster };
      byWorkload.set(workload, (source = { ref, byHost: new Map() }));
    }
    return source;
  }
}
