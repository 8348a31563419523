/**
 * Shapes the browser receives from /api/*. Type-only imports from lib are
 * erased at build time, so no server code reaches the client bundle.
 */
export type { EgressFlow, EgressStatus } from '@/lib/egress/types';
export type { EgressReport } from '@/lib/egress/report';
export type { EgressGraph, EgressNode, EgressEdge } from '@/lib/graph/model';
export type { HealthBody } from '@/lib/api/handlers';
export type { ApiErrorBody } from '@/lib/api/errors';
export type { TimeseriesReport, TimeseriesSeries } from '@/lib/egress/timeseries';
export type { HostEvidence, ValidationIssue, ValidationResult, GeneratedBundle, CompanionSuggestion } from '@/lib/serviceentry';
export type { PromoteAnswer } from '@/lib/api/promote';
export type { BlockedAttempt, BlockedReport } from '@/lib/security/blocked';
export type { ReadinessReport, NamespaceReadiness, ReadinessResources } from '@/lib/readiness';
export type { InventoryHost } from '@/lib/inventory/inventory';
export type { InventoryAnswer } from '@/lib/api/handlers';
export type { AlertRulesAnswer } from '@/lib/api/handlers';
