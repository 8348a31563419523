'use client';

import type { ReactNode } from 'react';
import { STATUSES_BY_SEVERITY } from '@/lib/egress/types';
import { displayLabel, displayText, formatBytesRate, formatPercent, formatRate } from '@/lib/format';
import { nodeFullName } from '@/lib/graph/tooltip';
import type { EgressEdge, EgressGraph, EgressNode } from '../api-types';
import { FullValue, LabelText } from '../ui/label-text';
import { StatusBadge } from '../ui/status-badge';
import { useDismiss } from '../ui/use-dismiss';
import Link from 'next/link';
import type { SharedRange } from '@/lib/view/range';
import { promoteHref } from '../promote/promote-request';
import { DetailActionsPanel, type DetailActions } from './detail-actions';
import { PromqlSource } from './promql-source';

export interface DetailsPanelProps {
  readonly graph: EgressGraph;
  readonly selected: string;
  readonly onSelect: (id: string | null) => void;
  /** The rate-over-time chart for the selection (rendered by the page). */
  readonly chart?: ReactNode;
  /** The graph's range, carried to the promote review. */
  readonly range: SharedRange;
  /** Focus, expand and collapse (levels of detail and domain groups). */
  readonly detail?: DetailActions;
}

const STATUS_ORDER = STATUSES_BY_SEVERITY;
/** Longest node name in the heading and the edge line; the rest is in the full value below. */
const HEADING_MAX = 120;

function rateText(e: EgressEdge): string {
  return e.protocol === 'tcp' ? `${formatRate(e.connectionsPerSecond)} conn/s` : `${formatRate(e.requestsPerSecond)} req/s`;
}

function sumRecords(edges: readonly EgressEdge[], pick: (e: EgressEdge) => Readonly<Record<string, number>> | undefined): [string, number][] {
  const total = new Map<string, number>();
  for (const e of edges) for (const [k, v] of Object.entries(pick(e) ?? {})) total.set(k, (total.get(k) ?? 0) + v);
  return [...total.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
}

function RateTable({ caption, rows, unit }: { caption: string; rows: [string, number][]; unit: string }) {
  if (rows.length === 0) return null;
  return (
    <table className="mt-2 w-full text-xs" aria-label={caption}>
      <caption className="text-left font-semibold">{caption}</caption>
      <tbody>
        {rows.map(([k, v]) => (
          <tr key={k} className="border-b border-slate-200 dark:border-slate-800">
            <td className="py-0.5 font-mono">
              <LabelText value={k} className="block max-w-[14rem] truncate" />
            </td>
            <td className="py-0.5 text-right tabular-nums">
              {formatRate(v)} {unit}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** How a node is named in lists: workloads with their namespace (and cluster, when the graph has several). */
function nodeName(graph: EgressGraph, id: string): string {
  const n = graph.nodes.find((x) => x.id === id);
  if (!n) return id;
  return nodeFullName(n);
}

function EdgeList({ edges, graph, end, onSelect }: { edges: readonly EgressEdge[]; graph: EgressGraph; end: 'source' | 'target'; onSelect: (id: string) => void }) {
  const label = (id: string) => nodeName(graph, id);
  return (
    <ul className="mt-1 space-y-0.5 text-xs">
      {edges.map((e) => (
        <li key={e.id} className="flex items-center justify-between gap-2">
          <button type="button" className="min-w-0 text-left font-mono underline decoration-dotted" onClick={() => onSelect(e.id)}>
            <LabelText value={label(e[end])} className="block truncate" />
          </button>
          <span className="shrink-0 tabular-nums">
            {e.protocol} · {rateText(e)}
          </span>
        </li>
      ))}
    </ul>
  );
}

function NodeDetails({ node, graph, onSelect, range }: { node: EgressNode; graph: EgressGraph; onSelect: (id: string) => void; range: SharedRange }) {
  const outgoing = graph.edges.filter((e) => e.source === node.id);
  const incoming = graph.edges.filter((e) => e.target === node.id);
  if (node.kind === 'workload' || node.kind === 'namespace-group') {
    return (
      <>
        {node.kind === 'namespace-group' ? (
          <p className="text-xs text-slate-500">
            namespace{node.cluster !== undefined ? <> in cluster <LabelText value={node.cluster} className="font-mono" /></> : null}, {node.workloads} workload{node.workloads === 1 ? '' : 's'} drawn as one node (their edges summed)
          </p>
        ) : (
          <p className="text-xs text-slate-500">
            workload in <LabelText value={node.namespace} className="font-mono" />
            {node.cluster !== undefined ? <> · cluster <LabelText value={node.cluster} className="font-mono" /></> : null}
            {node.gateway ? (node.waypoint ? ' · egress waypoint (ambient)' : ' · egress gateway') : ''}
          </p>
        )}
        {node.kind === 'workload' && node.gateway && incoming.length > 0 && (
          <section className="mt-3">
            <h3 className="text-sm font-semibold">Workloads sending through this {node.waypoint ? 'waypoint' : 'gateway'}</h3>
            <EdgeList edges={incoming} graph={graph} end="source" onSelect={onSelect} />
          </section>
        )}
        {STATUS_ORDER.map((status) => {
          const list = outgoing.filter((e) => e.status === status);
          if (list.length === 0) return null;
          return (
            <section key={status} className="mt-3">
              <h3 className="flex items-center gap-2 text-sm font-semibold">
                <StatusBadge status={status} /> {list.length} destination{list.length === 1 ? '' : 's'}
              </h3>
              <EdgeList edges={list} graph={graph} end="target" onSelect={onSelect} />
            </section>
          );
        })}
        {outgoing.length === 0 && <p className="mt-3 text-xs">No egress from this {node.kind === 'workload' ? 'workload' : 'namespace'} in the window.</p>}
      </>
    );
  }
  if (node.kind === 'namespace') return null;
  const protocols = [...new Set(incoming.map((e) => e.protocol))].join(', ');
  const requests = incoming.reduce((s, e) => s + (e.requestsPerSecond ?? 0), 0);
  const connections = incoming.reduce((s, e) => s + (e.connectionsPerSecond ?? 0), 0);
  return (
    <>
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-xs">
        <dt className="text-slate-500">status</dt>
        <dd className="flex gap-1">{(node.kind === 'host' || node.kind === 'host-group' ? node.statuses : 'status' in node ? [node.status] : []).map((s) => <StatusBadge key={s} status={s} />)}</dd>
        <dt className="text-slate-500">protocol</dt>
        <dd>{protocols || '–'}</dd>
        {node.kind === 'host' && (
          <>
            <dt className="text-slate-500">ports seen</dt>
            <dd>{node.ports?.length ? node.ports.join(', ') : 'default (80 for HTTP; TLS ports are not in the metrics)'}</dd>
            {node.serviceEntryNamespace && (
              <>
                <dt className="text-slate-500">ServiceEntry in</dt>
                <dd className="font-mono">
                  <LabelText value={node.serviceEntryNamespace} />
                </dd>
              </>
            )}
          </>
        )}
        {requests > 0 && (
          <>
            <dt className="text-slate-500">requests</dt>
            <dd className="tabular-nums">{formatRate(requests)} /s</dd>
          </>
        )}
        {connections > 0 && (
          <>
            <dt className="text-slate-500">connections</dt>
            <dd className="tabular-nums">{formatRate(connections)} /s</dd>
          </>
        )}
      </dl>
      <PromoteAction node={node} range={range} />
      {node.kind === 'unattributed' && (
        <p className="mt-2 text-xs text-slate-600 dark:text-slate-400">
          TLS and raw TCP through {node.status === 'blocked' ? 'BlackHoleCluster' : 'PassthroughCluster'} carry no host in Istio&apos;s standard metrics: they show who called, never where.
        </p>
      )}
      <section className="mt-3">
        <h3 className="text-sm font-semibold">Callers ({incoming.length})</h3>
        <EdgeList edges={incoming} graph={graph} end="source" onSelect={onSelect} />
      </section>
      <RateTable caption="Response codes" rows={sumRecords(incoming, (e) => e.responses)} unit="/s" />
      <RateTable caption="Response flags" rows={sumRecords(incoming, (e) => e.responseFlags)} unit="/s" />
    </>
  );
}

function EdgeDetails({ edge, graph, range }: { edge: EgressEdge; graph: EgressGraph; range: SharedRange }) {
  const label = (id: string) => nodeName(graph, id);
  return (
    <>
      <p className="text-xs">
        <LabelText value={label(edge.source)} className="font-mono" max={HEADING_MAX} /> → <LabelText value={label(edge.target)} className="font-mono" max={HEADING_MAX} />
      </p>
      <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-xs">
        <dt className="text-slate-500">status</dt>
        <dd>
          <StatusBadge status={edge.status} />
        </dd>
        <dt className="text-slate-500">protocol</dt>
        <dd>{edge.protocol}</dd>
        <dt className="text-slate-500">rate</dt>
        <dd className="tabular-nums">{rateText(edge)}</dd>
        {edge.bytesPerSecond !== undefined && (
          <>
            <dt className="text-slate-500">bytes</dt>
            <dd className="tabular-nums">{formatBytesRate(edge.bytesPerSecond)}</dd>
          </>
        )}
        {edge.blocked ? (
          <>
            <dt className="text-slate-500">outcome</dt>
            <dd>dropped by the sidecar (BlackHoleCluster: {edge.protocol === 'tcp' ? 'flag UH' : 'HTTP 502'})</dd>
          </>
        ) : (
          edge.errorRatio !== undefined && (
            <>
              <dt className="text-slate-500">errors</dt>
              <dd className="tabular-nums">
                {formatPercent(edge.errorRatio)} ({edge.health})
              </dd>
            </>
          )
        )}
      </dl>
      <RateTable caption="Response codes" rows={sumRecords([edge], (e) => e.responses)} unit="/s" />
      <RateTable caption="Response flags" rows={sumRecords([edge], (e) => e.responseFlags)} unit="/s" />
      {(() => {
        const target = graph.nodes.find((n) => n.id === edge.target);
        return target ? <PromoteAction node={target} range={range} /> : null;
      })()}
    </>
  );
}

/** "Promote to ServiceEntry" for unregistered destinations, with the graph's range; registered ones say which ServiceEntry covers them. */
function PromoteAction({ node, range }: { node: EgressNode; range: SharedRange }) {
  if (node.kind === 'host' && node.status === 'registered') {
    return (
      <p className="mt-2 text-xs text-emerald-800 dark:text-emerald-300">
        Registered by a ServiceEntry{node.serviceEntryNamespace ? ` in namespace ${displayText(node.serviceEntryNamespace)}` : ''}: nothing to promote.
      </p>
    );
  }
  if ((node.kind === 'host' || node.kind === 'unattributed') && node.status !== 'registered') {
    return (
      <Link
        href={promoteHref(node.kind === 'host' ? node : null, node.status, range)}
        className="mt-2 inline-block rounded bg-indigo-700 px-2 py-1 text-xs font-medium text-white hover:bg-indigo-800"
      >
        Promote to ServiceEntry…
      </Link>
    );
  }
  return null;
}

/** The side panel for the selected node or edge. */
export function DetailsPanel({ graph, selected, onSelect, chart, range, detail }: DetailsPanelProps) {
  const node = graph.nodes.find((n) => n.id === selected);
  const edge = node ? undefined : graph.edges.find((e) => e.id === selected);
  // A domain group drawn expanded is no node, but the panel still names it (and collapses it).
  const expandedGroup = !node && !edge && detail && selected.startsWith('grp:') ? selected.slice(4) : undefined;
  const title = node ? displayLabel(node.label, HEADING_MAX) : edge ? 'Edge' : expandedGroup !== undefined ? displayLabel(expandedGroup, HEADING_MAX) : 'Not in this view';
  // The heading shows at most HEADING_MAX characters: a longer or altered value gets its full, copyable form below it.
  const full = node?.kind === 'host' && (node.host.length > HEADING_MAX || displayText(node.host) !== node.host) ? node.host : undefined;
  const protocol = edge?.protocol ?? (node ? graph.edges.find((e) => e.target === node.id || e.source === node.id)?.protocol : undefined);
  // Esc closes the panel (unless a popover opened over it, or the focused canvas, uses the key first).
  useDismiss({ open: true, onDismiss: () => onSelect(null) });
  return (
    <aside aria-label="Details" className="flex h-full flex-col overflow-y-auto p-3">
      <div className="mb-2 flex items-start justify-between gap-2">
        <h2 className="min-w-0 text-sm font-semibold break-all">
          <bdi title={node ? displayText(node.label) : undefined}>{title}</bdi>
        </h2>
        <button type="button" aria-label="Close details" className="rounded px-1.5 text-slate-500 hover:bg-slate-200 dark:hover:bg-slate-800" onClick={() => onSelect(null)}>
          ×
        </button>
      </div>
      {full !== undefined && <FullValue value={full} label="Host" />}
      {detail && (node || expandedGroup !== undefined) && <DetailActionsPanel graph={graph} selected={selected} node={node} detail={detail} onSelect={onSelect} />}
      {node && <NodeDetails node={node} graph={graph} onSelect={onSelect} range={range} />}
      {edge && <EdgeDetails edge={edge} graph={graph} range={range} />}
      {!node && !edge && expandedGroup === undefined && <p className="text-xs">The selection is not in the current window or filters.</p>}
      {chart}
      {(node || edge) && <PromqlSource query={protocol === 'tcp' ? graph.queries.tcp : graph.queries.http} prometheusUrl={graph.prometheusUrl} end={graph.end} window={graph.window} />}
    </aside>
  );
}
