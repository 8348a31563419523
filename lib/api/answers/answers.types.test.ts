import { describe, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import type { EgressReport } from '../../egress/report';
import type { TimeseriesReport } from '../../egress/timeseries';
import type { EgressGraph } from '../../graph/model';
import type { BlockedReport } from '../../blocked/blocked';
import type { ReadinessReport, ReadinessResources } from '../../readiness';
import type { ApiErrorBody } from '../errors';
import type { AlertRulesAnswer } from '../handlers/alert-rules';
import type { HealthBody } from '../handlers/health';
import type { HostsAnswer } from '../handlers/hosts';
import type { PromoteAnswer } from '../handlers/serviceentries';
import type { ValidateAnswer } from '../handlers/serviceentries-validate';
import {
  alertRulesAnswerSchema,
  apiErrorBodySchema,
  blockedReportSchema,
  egressGraphSchema,
  egressReportSchema,
  healthBodySchema,
  hostsAnswerSchema,
  promoteAnswerSchema,
  promoteRefusalSchema,
  readinessAnswerSchema,
  timeseriesReportSchema,
  validateAnswerSchema,
} from '.';

/**
 * The same shape, `readonly` aside (zod's output is mutable; the server's
 * types are readonly, and a mutable value is assignable to them). Mapping
 * also flattens intersections, so `A & B` compares equal to its fields.
 */
type Plain<T> = T extends object ? { -readonly [K in keyof T]: Plain<T[K]> } : T;
type Parsed<S extends z.ZodType> = Plain<z.output<S>>;

// Compile-time checks (tsc, `npm run typecheck`): a field added to, removed from or retyped in
// a server type without the same change in its schema (or the other way round) fails here.
describe('every answer schema parses to exactly the type the server declares', () => {
  it('GET answers', () => {
    expectTypeOf<Parsed<typeof egressReportSchema>>().toEqualTypeOf<Plain<EgressReport>>();
    expectTypeOf<Parsed<typeof egressGraphSchema>>().toEqualTypeOf<Plain<EgressGraph>>();
    expectTypeOf<Parsed<typeof timeseriesReportSchema>>().toEqualTypeOf<Plain<TimeseriesReport>>();
    expectTypeOf<Parsed<typeof healthBodySchema>>().toEqualTypeOf<Plain<HealthBody>>();
    expectTypeOf<Parsed<typeof blockedReportSchema>>().toEqualTypeOf<Plain<BlockedReport>>();
    expectTypeOf<Parsed<typeof readinessAnswerSchema>>().toEqualTypeOf<Plain<ReadinessReport & ReadinessResources>>();
    expectTypeOf<Parsed<typeof hostsAnswerSchema>>().toEqualTypeOf<Plain<HostsAnswer>>();
  });

  it('POST answers and the error body', () => {
    expectTypeOf<Parsed<typeof promoteAnswerSchema>>().toEqualTypeOf<Plain<PromoteAnswer>>();
    expectTypeOf<Parsed<typeof promoteRefusalSchema>>().toEqualTypeOf<Plain<(PromoteAnswer & ApiErrorBody) | ApiErrorBody>>();
    expectTypeOf<Parsed<typeof validateAnswerSchema>>().toEqualTypeOf<Plain<ValidateAnswer>>();
    expectTypeOf<Parsed<typeof alertRulesAnswerSchema>>().toEqualTypeOf<Plain<AlertRulesAnswer>>();
    expectTypeOf<Parsed<typeof apiErrorBodySchema>>().toEqualTypeOf<Plain<ApiErrorBody>>();
  });
});
