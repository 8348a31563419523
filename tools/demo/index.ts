/** Demo mesh generator: deterministic Istio counters for backfill, a live exporter and the API oracle. */
export type {
  DemoDestination,
  DemoEvents,
  DemoExpectation,
  DemoMesh,
  DemoMeshOptions,
  DemoResponse,
  DemoScale,
  DemoSeries,
  DemoTraffic,
  DemoWorkload,
  HistoryRange,
  RateSpec,
  WriteResult,
} from './types';
export { createDemoMesh, demoSeries, DEMO_STEP } from './mesh';
export { writeOpenMetrics, writeVmJsonLines } from './writers';
export { renderExposition, EXPOSITION_CONTENT_TYPE } from './exposition';
export { startExporter, type DemoExporter } from './exporter';
export { expectedFlows, expectedHostId, compareFlows, type FlowQuery } from './oracle';
export {
  DEMO_AMBIENT_SERVICE_ENTRIES,
  DEMO_EGRESS_GATEWAY,
  DEMO_EGRESS_WAYPOINT,
  DEMO_HOSTILE_HOST,
  DEMO_IP_NAMED_SERVICE,
  DEMO_NOT_EGRESS,
  DEMO_POD_IP_SERVICE,
} from './small-mesh';
export { DEMO_CLUSTER, DEMO_NAMESPACES, DEMO_WEST_CLUSTER, DEMO_WORKLOADS } from './workloads';
export {
  DEMO_CONTROL_HOST,
  DEMO_CRLF_HOST,
  DEMO_FORMULA_HOSTS,
  DEMO_HOSTILE_BLOCKED,
  DEMO_HOSTILE_PASSTHROUGH,
  DEMO_LONG_HOST,
  DEMO_PERCENT_HOST,
  DEMO_QUOTES_HOST,
  DEMO_SCRIPT_HOST,
  DEMO_UNICODE_HOST,
  type HostileHost,
} from './hostile';
export { scaleHost, scaleNamespaces, scalePairCount, scaleTcpCount } from './scale-mesh';
export { DEMO_INSTANCE, DEMO_JOB, METRIC, METRIC_NAMES } from './labels';
export { diffFlows, flowKey } from './flow-diff';
export { startDemoPrometheus, type DemoPrometheus } from './backfill';
export { createHostileLabelsMesh, hostileLabelsTraffic, DEMO_FORGED_NAMESPACES, DEMO_HUGE_HOST, DEMO_TAB_HOST } from './hostile-labels';
export { expectedGuardedFlows } from './guard-oracle';
