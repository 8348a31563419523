/** Parameters of the recorded Prometheus answers in this folder (scripts/record-testdata.ts). */
export const RECORDED = {
  /** 2026-01-01T00:00:00Z, start of the demo history. */
  origin: 1767225600,
  /** 80 minutes in: before the counter reset and the switch to blocked. */
  end: 1767225600 + 80 * 60,
  windowSeconds: 600,
  gatewayWorkloads: 'istio-egressgateway.*',
} as const;
