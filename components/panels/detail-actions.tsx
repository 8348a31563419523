'use client';

import { registrableDomain } from '@/lib/graph/domains';
import { nodesOf, workloadGroupKey } from '@/lib/graph/members';
import type { EgressGraph, EgressNode } from '../api-types';
import { LabelText } from '../ui/label-text';
import { StatusBadge } from '../ui/status-badge';

/** What the details panel may do to the drawn graph (components/page/use-detail.ts). */
export interface DetailActions {
  readonly focus: string | null;
  readonly setFocus: (id: string | null) => void;
  readonly visible: { readonly namespaceLevel: boolean; readonly grouped: boolean } | undefined;
  /** Namespace box ids that collapse back into one node. */
  readonly collapsible: ReadonlySet<string>;
  /** Domains drawn host by host while hosts are grouped. */
  readonly expandedDomains: readonly string[];
  readonly expandNamespace: (ns: string, on: boolean) => void;
  readonly expandDomain: (domain: string, on: boolean) => void;
}

export interface DetailActionsPanelProps {
  readonly graph: EgressGraph;
  /** The selected id (a node, or a domain group drawn expanded, which is no node). */
  readonly selected: string;
  readonly node: EgressNode | undefined;
  readonly detail: DetailActions;
  readonly onSelect: (id: string | null) => void;
}

const BUTTON = 'rounded border border-slate-300 bg-white px-2 py-0.5 text-xs font-medium shadow-sm hover:bg-slate-100 dark:border-slate-700 dark:bg-slate-900 dark:hover:bg-slate-800';

function MemberList({ caption, members, onSelect }: { caption: string; members: readonly EgressNode[]; onSelect: (id: string) => void }) {
  return (
    <section className="mt-3">
      <h3 className="text-sm font-semibold">{caption}</h3>
      <ul className="mt-1 max-h-64 space-y-0.5 overflow-y-auto text-xs" aria-label={caption}>
        {members.map((m) => (
          <li key={m.id} className="flex items-center justify-between gap-2">
            <button type="button" className="min-w-0 text-left font-mono underline decoration-dotted" onClick={() => onSelect(m.id)}>
              <LabelText value={m.kind === 'workload' ? `${m.namespace}/${m.workload}` : m.label} className="block truncate" />
            </button>
            {m.kind === 'host' && (
              <span className="flex shrink-0 gap-1">
                {m.statuses.map((s) => (
                  <StatusBadge key={s} status={s} />
                ))}
              </span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Focus, expand and collapse for the selection, and the members of an aggregate. */
export function DetailActionsPanel({ graph, selected, node, detail, onSelect }: DetailActionsPanelProps) {
  const focused = detail.focus === selected;
  const domainOf = (n: EgressNode | undefined) => (n?.kind === 'host' && !n.ip ? registrableDomain(n.host) : null);
  const groupDomain = node?.kind === 'host-group' ? node.domain : selected.startsWith('grp:') ? selected.slice(4) : null;
  const hostDomain = domainOf(node);
  const members = node?.kind === 'namespace-group' || node?.kind === 'namespace' || groupDomain !== null ? nodesOf(graph.nodes, selected) : [];
  const select = (id: string) => onSelect(id);
  return (
    <>
      <div className="mb-2 flex flex-wrap gap-1" role="group" aria-label="Graph actions">
        {(node || groupDomain !== null) && (
          <button type="button" className={BUTTON} aria-pressed={focused} onClick={() => detail.setFocus(focused ? null : selected)}>
            {focused ? 'Leave focus' : 'Focus'}
          </button>
        )}
        {node?.kind === 'namespace-group' && (
          <button type="button" className={BUTTON} onClick={() => detail.expandNamespace(workloadGroupKey(node), true)}>
            Expand namespace
          </button>
        )}
        {node?.kind === 'namespace' && detail.collapsible.has(node.id) && (
          <button type="button" className={BUTTON} onClick={() => detail.expandNamespace(node.id.slice('ns:'.length), false)}>
            Collapse namespace
          </button>
        )}
        {node?.kind === 'workload' && detail.collapsible.has(node.parent) && (
          <button type="button" className={BUTTON} onClick={() => detail.expandNamespace(workloadGroupKey(node), false)}>
            Collapse {node.namespace}
          </button>
        )}
        {node?.kind === 'host-group' && (
          <button type="button" className={BUTTON} onClick={() => detail.expandDomain(node.domain, true)}>
            Expand {node.domain}
          </button>
        )}
        {!node && groupDomain !== null && (
          <button type="button" className={BUTTON} onClick={() => detail.expandDomain(groupDomain, false)}>
            Collapse {groupDomain}
          </button>
        )}
        {node?.kind === 'host' && hostDomain !== null && detail.visible?.grouped && detail.expandedDomains.includes(hostDomain) && (
          <button type="button" className={BUTTON} onClick={() => detail.expandDomain(hostDomain, false)}>
            Collapse {hostDomain}
          </button>
        )}
      </div>
      {!node && groupDomain !== null && <p className="mt-2 text-xs text-slate-500">Hosts of one registrable domain, drawn one by one.</p>}
      {members.length > 0 && (
        <MemberList caption={groupDomain !== null ? `Hosts (${members.length})` : `Workloads (${members.length})`} members={members} onSelect={select} />
      )}
    </>
  );
}
