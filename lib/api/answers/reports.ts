/** Schemas of the report answers: GET /api/blocked, /api/hosts, /api/readiness and /api/health. */
import { z } from 'zod';
import { count, dataPlane, duration, egressStatus, port, rate, strings, time } from './common';

/** GET /api/blocked (lib/blocked/blocked.ts BlockedReport). */
export const blockedReportSchema = z.object({
  start: time,
  end: time,
  window: duration,
  step: z.number().int().positive(),
  attempts: z.array(
    z.object({
      source: z.object({ namespace: z.string(), workload: z.string(), cluster: z.string().optional() }),
      host: z.string().nullable(),
      protocol: z.enum(['http', 'tcp']),
      attempts: rate,
      firstSeen: time.optional(),
      lastSeen: time.optional(),
      trend: z.array(rate),
      isNew: z.boolean(),
    }),
  ),
  queries: z.object({ current: z.string(), previous: z.string(), trend: z.string() }),
  warnings: strings,
});

/** GET /api/hosts (lib/api/handlers.ts HostsAnswer, lib/hosts/hosts.ts ExternalHost). */
export const hostsAnswerSchema = z.object({
  end: time,
  window: duration,
  hosts: z.array(
    z.object({
      host: z.string(),
      statuses: z.array(egressStatus),
      registered: z.boolean(),
      serviceEntryNamespace: z.string().optional(),
      callers: strings,
      protocols: strings,
      ports: z.array(port),
      ratePerSecond: rate,
      firstSeen: time.optional(),
      lastSeen: time.optional(),
    }),
  ),
  queries: strings,
  warnings: strings,
});

const statusRates = z.object({ registered: rate, passthrough: rate, blocked: rate });

/** What one namespace (or, without namespace and cluster, the mesh) would break (lib/readiness/types.ts NamespaceReadiness). */
const namespaceReadiness = z.object({
  namespace: z.string(),
  cluster: z.string().optional(),
  dataPlanes: z.array(dataPlane),
  ambient: z.object({ egressPerSecond: rate, passthroughPerSecond: rate }).nullable(),
  requests: statusRates,
  connections: statusRates,
  readiness: z.number().nonnegative().nullable(),
  toRegister: z.array(z.object({ host: z.string(), callers: strings, ratePerSecond: rate, protocols: strings })),
  registeredHosts: strings,
  unattributed: z.object({ connectionsPerSecond: rate, share: z.number().nonnegative(), callers: strings }).nullable(),
  viaGateway: rate,
  stillBlocked: z.object({
    ratePerSecond: rate,
    hosts: z.array(z.object({ host: z.string(), callers: strings, ratePerSecond: rate })),
    unnamedPerSecond: rate,
    hostsNotListed: count,
  }),
  inMesh: z.object({
    destinations: z.array(z.object({ namespace: z.string(), services: strings, ratePerSecond: rate })),
    podIp: z.object({ ratePerSecond: rate, callers: strings, destinations: strings }).nullable(),
  }),
});

const switchOf = {
  namespace: z.string(),
  cluster: z.string().optional(),
  ambient: z.object({ waypoint: z.object({ namespace: z.string(), name: z.string() }), hosts: strings, yaml: z.string() }).optional(),
};

/** GET /api/readiness (lib/readiness ReadinessReport & ReadinessResources). */
export const readinessAnswerSchema = z.object({
  end: time,
  window: duration,
  namespaces: z.array(namespaceReadiness),
  clusters: strings,
  mesh: namespaceReadiness.omit({ namespace: true, cluster: true }),
  warnings: strings,
  switches: z.array(
    z.discriminatedUnion('kind', [
      z.object({ ...switchOf, kind: z.literal('sidecar'), yaml: z.string() }),
      z.object({ ...switchOf, kind: z.literal('ambient-only') }),
      z.object({ ...switchOf, kind: z.literal('root-namespace') }),
      z.object({ ...switchOf, kind: z.literal('cannot-be-named'), reason: z.string() }),
    ]),
  ),
  meshSwitch: z.object({ rootNamespace: z.string(), istioOperator: z.string(), helmValues: z.string(), istioctlFlag: z.string(), rootSidecar: z.string() }),
  telemetry: z.object({ yaml: z.string(), warning: z.string() }),
});

/** GET /api/health (lib/api/handlers.ts HealthBody). */
export const healthBodySchema = z.object({
  prometheus: z.object({ reachable: z.literal(true), version: z.string().nullable(), latencyMs: rate }),
  istio: z.object({ first: time.nullable(), last: time.nullable(), earlier: z.boolean() }).nullable(),
});
