/** "What breaks under REGISTRY_ONLY?": readiness per namespace, the Sidecar that switches it, and the Telemetry that names TLS/TCP passthrough. */
export type { HostToRegister, NamespaceReadiness, ReadinessReport, StatusRates, UnattributedPassthrough } from './types';
export { computeReadiness } from './compute';
export { sidecarForNamespace, type SidecarHost } from './sidecar';
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
export { readinessResources, defaultServiceEntryNamespace, type ReadinessResources } from './resources';
