/**
 * zod schemas of every /api/* answer the browser reads, shared with the
 * server's types (answers.types.test.ts proves they match them): the browser
 * checks each answer where it reads it (components/queries.ts), so a wrong
 * or truncated answer is a clear error on the page, never a crash.
 */
import { egressGraphSchema, egressReportSchema, timeseriesReportSchema } from './egress';
import { promoteAnswerSchema, validateAnswerSchema, alertRulesAnswerSchema } from './promote';
import { blockedReportSchema, healthBodySchema, hostsAnswerSchema, readinessAnswerSchema } from './reports';

export { apiErrorBodySchema, signInRefusalSchema } from './common';
export { egressFlowSchema, egressGraphSchema, egressReportSchema, timeseriesReportSchema } from './egress';
export { blockedReportSchema, healthBodySchema, hostsAnswerSchema, readinessAnswerSchema } from './reports';
export { alertRulesAnswerSchema, promoteAnswerSchema, promoteRefusalSchema, validateAnswerSchema, validationResultSchema } from './promote';
export { badAnswerMessage, checkAnswer, describeAnswerIssues, type AnswerCheck } from './check';

/** The schema of each route's successful answer, by path (lib/api/routes.ts). */
export const ANSWER_SCHEMAS = {
  '/api/egress': egressReportSchema,
  '/api/graph': egressGraphSchema,
  '/api/timeseries': timeseriesReportSchema,
  '/api/health': healthBodySchema,
  '/api/blocked': blockedReportSchema,
  '/api/readiness': readinessAnswerSchema,
  '/api/hosts': hostsAnswerSchema,
  '/api/serviceentries': promoteAnswerSchema,
  '/api/serviceentries/validate': validateAnswerSchema,
  '/api/alert-rules': alertRulesAnswerSchema,
} as const;
