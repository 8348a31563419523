import { getEgressReport, type EgressDeps, type EgressQuery } from '../egress/report';
import { computeReadiness } from './compute';
import { getInMeshCalls } from './in-mesh';
import { DEFAULT_ROOT_NAMESPACE } from './sidecar';
import { readinessResources, type ReadinessResources } from './resources';
import type { ReadinessReport } from './types';

/**
 * What REGISTRY_ONLY would block, per source namespace and for the mesh, with
 * the in-mesh calls each namespace makes, the Sidecars, the mesh-wide switch
 * and the Telemetry that go with it (`rootNamespace`: ISTIO_ROOT_NAMESPACE).
 */
export async function getReadiness(deps: EgressDeps, params: EgressQuery, rootNamespace = DEFAULT_ROOT_NAMESPACE): Promise<ReadinessReport & ReadinessResources> {
  const [report, inMesh] = await Promise.all([getEgressReport(deps, params), getInMeshCalls(deps, params)]);
  const readiness = computeReadiness({ ...report, warnings: [...new Set([...report.warnings, ...inMesh.warnings])] }, inMesh.calls);
  return { ...readiness, ...readinessResources(readiness, { rootNamespace }) };
}
