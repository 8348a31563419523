/** Schemas of the traffic answers: GET /api/egress, /api/graph and /api/timeseries. */
import { z } from 'zod';
import { OUTBOUND_MODE_SETTINGS } from '../../egress/outbound-mode';
import { HEALTHS } from '../../graph/health';
import { count, dataPlane, duration, egressProtocol, egressStatus, hostId, port, rate, rateByLabel, strings, time } from './common';

const workloadRef = z.object({ namespace: z.string(), workload: z.string(), cluster: z.string().optional() });

/** FlowRates (lib/egress/types.ts): fields that do not apply are absent. */
const flowRates = {
  requestsPerSecond: rate.optional(),
  responses: rateByLabel.optional(),
  responseFlags: rateByLabel.optional(),
  connectionsPerSecond: rate.optional(),
  bytesPerSecond: rate.optional(),
};

export const egressFlowSchema = z.object({
  ...flowRates,
  source: workloadRef,
  destination: z.object({
    host: z.string().nullable(),
    hostId: hostId.optional(),
    status: egressStatus,
    serviceEntryNamespace: z.string().optional(),
    ports: z.array(port).optional(),
    ip: z.boolean().optional(),
    otherHosts: count.optional(),
  }),
  via: workloadRef.optional(),
  protocol: egressProtocol,
  dataPlane,
});

const egressQueries = z.object({ http: z.string(), tcp: z.string() });
const istioMetrics = z.enum(['present', 'absent']).optional();

/** GET /api/egress (lib/egress/report.ts EgressReport). */
export const egressReportSchema = z.object({
  end: time,
  window: duration,
  flows: z.array(egressFlowSchema),
  warnings: strings,
  queries: egressQueries,
  istioMetrics,
  outboundMode: z
    .object({
      hostNamedWithoutNamespace: z.enum(['passthrough', 'registered']),
      decidedBy: z.enum(['configuration', 'proxy-versions']),
      setting: z.enum(OUTBOUND_MODE_SETTINGS),
      proxyVersions: strings,
      reason: z.string(),
      query: z.string().optional(),
      hosts: count,
    })
    .optional(),
});

const node = { id: z.string(), label: z.string() };
const statuses = z.array(egressStatus);

/** The node kinds of lib/graph/model.ts EgressNode; a kind this page does not know is not drawn, so it fails the check. */
export const egressNodeSchema = z.discriminatedUnion('kind', [
  z.object({ ...node, kind: z.literal('namespace'), namespace: z.string().optional(), cluster: z.string().optional() }),
  z.object({
    ...node,
    kind: z.literal('workload'),
    namespace: z.string(),
    workload: z.string(),
    gateway: z.boolean(),
    waypoint: z.boolean().optional(),
    parent: z.string(),
    cluster: z.string().optional(),
  }),
  z.object({
    ...node,
    kind: z.literal('host'),
    host: z.string(),
    hostId,
    status: egressStatus,
    statuses,
    serviceEntryNamespace: z.string().optional(),
    ports: z.array(port).optional(),
    ip: z.boolean().optional(),
  }),
  z.object({ ...node, kind: z.enum(['unattributed', 'other-hosts']), status: egressStatus, otherHosts: count.optional() }),
  z.object({ ...node, kind: z.literal('namespace-group'), namespace: z.string(), cluster: z.string().optional(), workloads: count }),
  z.object({ ...node, kind: z.literal('host-group'), domain: z.string(), hosts: count, statuses, status: egressStatus }),
]);

export const egressEdgeSchema = z.object({
  ...flowRates,
  id: z.string(),
  source: z.string(),
  target: z.string(),
  protocol: egressProtocol,
  status: egressStatus,
  blocked: z.boolean(),
  viaGateway: z.boolean(),
  errorRatio: z.number().nonnegative().optional(),
  health: z.enum(HEALTHS).optional(),
});

/** GET /api/graph (lib/graph/model.ts EgressGraph). */
export const egressGraphSchema = z.object({
  end: time,
  window: duration,
  nodes: z.array(egressNodeSchema),
  edges: z.array(egressEdgeSchema),
  warnings: strings,
  queries: egressQueries,
  istioMetrics,
  prometheusUrl: z.string().optional(),
});

/** GET /api/timeseries (lib/egress/timeseries.ts TimeseriesReport). */
export const timeseriesReportSchema = z.object({
  start: time,
  end: time,
  step: z.number().int().positive(),
  unit: z.enum(['requests/s', 'connections/s']),
  series: z.array(z.object({ name: z.string(), points: z.array(z.tuple([z.number(), rate])) })),
  queries: strings,
  warnings: strings,
});
