import type { EgressReport } from '../egress/report';
import { promotableHost, toYaml } from '../serviceentry';
import { sidecarForNamespace, type SidecarHost } from './sidecar';
import { telemetryForTcpDestinations } from './telemetry';
import type { ReadinessReport } from './types';

/** Where the promote generator puts a host's ServiceEntry by default: its only calling namespace, or the egress config namespace. */
export function defaultServiceEntryNamespace(callers: readonly string[], egressConfigNamespace = 'istio-egress'): string {
  const namespaces = new Set(callers.map((c) => c.split('/')[0] ?? ''));
  const [only] = namespaces;
  return namespaces.size === 1 && only ? only : egressConfigNamespace;
}

export interface ReadinessResources {
  /** Per source namespace: the Sidecar that switches it to REGISTRY_ONLY, listing the hosts it uses once registered. */
  readonly sidecars: Readonly<Record<string, string>>;
  /** The Telemetry that names TLS/TCP passthrough destinations, with its cardinality warning. */
  readonly telemetry: { readonly yaml: string; readonly warning: string };
}

/**
 * The resources of the readiness view. A namespace's Sidecar lists the
 * hosts its workloads reach through ServiceEntries today, plus the hosts
 * still to register where the promote generator would put them; IP hosts
 * and hosts that cannot be registered (promotableHost) are left out.
 */
export function readinessResources(report: Pick<EgressReport, 'flows'>, readiness: Pick<ReadinessReport, 'namespaces'>): ReadinessResources {
  const sidecars: Record<string, string> = {};
  for (const ns of readiness.namespaces) {
    const hosts = new Map<string, SidecarHost>();
    for (const f of report.flows) {
      const d = f.destination;
      if (f.source.namespace === ns.namespace && d.status === 'registered' && d.host && d.serviceEntryNamespace && !d.ip) {
        hosts.set(`${d.serviceEntryNamespace}/${d.host}`, { host: d.host, serviceEntryNamespace: d.serviceEntryNamespace });
      }
    }
    for (const h of ns.toRegister) {
      // Only what the promote generator would register by name: IPs get synthetic hosts, hostile values none.
      const promotion = promotableHost(h.host);
      if (promotion.kind !== 'name') continue;
      const seNs = defaultServiceEntryNamespace(h.callers);
      hosts.set(`${seNs}/${promotion.host}`, { host: promotion.host, serviceEntryNamespace: seNs });
    }
    sidecars[ns.namespace] = toYaml([sidecarForNamespace(ns.namespace, [...hosts.values()])]);
  }
  const telemetry = telemetryForTcpDestinations();
  return { sidecars, telemetry: { yaml: telemetry.yaml, warning: telemetry.warning } };
}
