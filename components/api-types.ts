/**
 * Shapes the browser receives from /api/*. Type-only imports from lib are
 * erased at build time, so no server code reaches the client bundle.
 */
export type { EgressFlow, EgressStatus } from '@/lib/egress/types';
export type { EgressReport } from '@/lib/egress/report';
export type { EgressGraph, EgressNode, EgressEdge } from '@/lib/graph/model';
export type { HealthBody } from '@/lib/api/handlers/health';
export type { ApiErrorBody } from '@/lib/api/errors';
export type { TimeseriesReport, TimeseriesSeries } from '@/lib/egress/timeseries';
export type { HostEvidence, ValidationIssue, ValidationResult, GeneratedBundle, CompanionSuggestion } from '@/lib/resources';
export type { PromoteAnswer } from '@/lib/api/handlers/serviceentries';
export type { BlockedAttempt, BlockedReport } from '@/lib/blocked/blocked';
export type { ReadinessReport, NamespaceReadiness, ReadinessResources } from '@/lib/readiness';
export type { ExternalHost } from '@/lib/hosts/hosts';
export type { HostsAnswer } from '@/lib/api/handlers/hosts';
export type { AlertRulesAnswer } from '@/lib/api/handlers/alert-rules';
