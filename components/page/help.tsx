'use client';

import { useDismissibleDetails } from '../ui/use-dismiss';

/** A short in-app help: what the statuses mean, how to read the graph, and what it cannot see. */
export function Help() {
  const ref = useDismissibleDetails({ outsideClick: true });
  return (
    <details ref={ref} className="text-sm">
      <summary className="cursor-pointer select-none">Help</summary>
      {/* Never wider than the screen: at 390 px nothing may scroll sideways. */}
      <div className="absolute right-2 z-30 mt-2 max-h-[calc(100dvh-4rem)] w-[min(32rem,calc(100vw-1rem))] space-y-2 overflow-y-auto rounded border border-slate-300 bg-white p-4 text-xs shadow-lg dark:border-slate-700 dark:bg-slate-900">
        <p>
          Every outbound call of a mesh workload goes through its Istio proxy (a sidecar, or in ambient mode ztunnel and an egress waypoint), which
          reports it to Prometheus. Egress Lens reads those reports (<code>reporter=&quot;source&quot;</code> and <code>&quot;waypoint&quot;</code>) and sorts
          each flow into one of three kinds:
        </p>
        <ul className="list-disc space-y-1 pl-5">
          <li>
            <strong>registered</strong>: the host is covered by a ServiceEntry; Istio knows it and can apply policy and telemetry to it.
          </li>
          <li>
            <strong>passthrough</strong>: the host is not registered and the outbound policy is <code>ALLOW_ANY</code>, so the sidecar let it through
            (Envoy&apos;s PassthroughCluster), or ztunnel connected an ambient pod to an address it does not know. It works today and would break under{' '}
            <code>REGISTRY_ONLY</code> (ambient: under an egress waypoint&apos;s AuthorizationPolicy).
          </li>
          <li>
            <strong>blocked</strong>: the host is not registered and the policy is <code>REGISTRY_ONLY</code>, so the sidecar dropped it (BlackHoleCluster: HTTP
            502, TCP flag UH). Red always means blocked.
          </li>
        </ul>
        <p>
          Read the graph left to right: workloads in their namespace boxes, egress gateways, then external hosts grouped by status. Edge colour is HTTP
          health (amber degraded, orange failing), blue for TCP, grey when idle. Select a node or edge for its callers, rates and the PromQL behind them.
        </p>
        <p>
          <strong>ALLOW_ANY_DYNAMIC_DNS</strong> (Istio 1.31): plain HTTP to an unregistered host goes through a dynamic forward proxy and is reported with
          the host in both service labels and no namespace, exactly as a ServiceEntry was before Istio 1.23. If every proxy is 1.23 or newer
          (<code>istio_build</code>), such a host is passthrough; otherwise registered. <code>ISTIO_OUTBOUND_MODE</code> overrides the inference, and a
          warning names the hosts and the rule that decided.
        </p>
        <p>
          With several clusters, the same workload in two clusters is two workloads (<code>source_cluster</code>).
        </p>
        <p>
          <strong>What it cannot see:</strong> workloads without a sidecar; traffic excluded from the sidecar (<code>includeOutboundIPRanges</code>,{' '}
          <code>excludeOutboundIPRanges</code>, <code>excludeOutboundPorts</code>); and the destination of TLS or raw TCP passthrough, which Istio&apos;s standard
          metrics do not label (they show who called, never where; ztunnel never names the address of an ambient passthrough connection).
        </p>
      </div>
    </details>
  );
}
