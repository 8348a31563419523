/** "What breaks under REGISTRY_ONLY?": readiness per namespace, the Sidecar that switches it, the mesh-wide switch, and the Telemetry that names TLS/TCP passthrough. */
export type {
  BlockedHost,
  HostToRegister,
  InMeshCalls,
  InMeshDestination,
  NamespaceReadiness,
  PodIpCalls,
  ReadinessReport,
  StatusRates,
  StillBlocked,
  UnattributedPassthrough,
} from './types';
export { computeReadiness } from './compute';
export { buildInMeshQuery, getInMeshCalls, toInMeshCall, type InMeshAnswer, type InMeshCall } from './in-mesh';
export { DEFAULT_ROOT_NAMESPACE, KEEP_EVERY_SERVICE, namespaceNameProblem, sidecarForNamespace } from './sidecar';
export { hostSubsetOf, sidecarAdmits, sidecarHostAdmits, type SidecarService } from '../resources/sidecar-hosts';
export { meshWideSwitch, type MeshWideSwitch } from './mesh-switch';
export { readinessVerdict, verdictText, type ReadinessVerdict, type VerdictDetailKind, type VerdictLine, type VerdictPart } from './verdict';
export {
  DEFAULT_ADDRESS_LABEL,
  DEFAULT_SNI_LABEL,
  TELEMETRY_NAME,
  telemetryForTcpDestinations,
  validateTelemetry,
  type TcpDestinationsTelemetry,
  type TelemetryOptions,
} from './telemetry';
export { parseReadinessParams, READINESS_DEFAULT_WINDOW } from './params';
export { readinessResources, defaultServiceEntryNamespace, type NamespaceSwitch, type ReadinessResources, type ReadinessResourceOptions } from './resources';
