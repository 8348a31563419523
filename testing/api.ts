import { expect } from 'vitest';
import { observedHostPattern } from '../lib/egress/host';
import type { EgressDeps } from '../lib/egress/report';
import { streamCollected, type PrometheusClient } from '../lib/prometheus/client';
import { escapeRegex } from '../lib/prometheus/promql';
import { splitPromql, type PromqlParts } from './promql-literals';
import type { Sample } from '../lib/prometheus/types';
import type { ApiContext } from '../lib/api/context';
import { ApiError } from '../lib/api/errors';

/** Runs `parse` and returns the 400 ApiError it must throw (test helper). */
export function expectBadParameter(parse: () => unknown, what: string): ApiError {
  try {
    parse();
  } catch (e) {
    expect(e).toBeInstanceOf(ApiError);
    expect((e as ApiError).status).toBe(400);
    return e as ApiError;
  }
  throw new Error(`expected ${what} to be rejected`);
}

/** A query the fake Prometheus was asked. */
export interface RecordedQuery {
  readonly kind: 'instant' | 'range';
  readonly query: string;
}

export interface Recording {
  /** Handler context whose Prometheus records every query and answers with no data (or `samples`). */
  readonly ctx: ApiContext;
  readonly queries: RecordedQuery[];
}

/** A handler context with a recording fake Prometheus (test helper); `samples` answers instant queries. */
export function recordingContext(samples: (query: string) => readonly Sample[] = () => []): Recording {
  const queries: RecordedQuery[] = [];
  const client: PrometheusClient = {
    instantQuery: async (query) => {
      queries.push({ kind: 'instant', query });
      return { samples: samples(query), warnings: [] };
    },
    streamInstantQuery: (query, time, onSample) => streamCollected(client, query, time, onSample),
    rangeQuery: async (query) => {
      queries.push({ kind: 'range', query });
      return { series: [], warnings: [] };
    },
    buildInfo: async () => ({ version: 'test' }),
  };
  const gatewayWorkloads = 'istio-egressgateway.*';
  const deps: EgressDeps = { client, gatewayWorkloads, topHostsPerStatus: 100 };
  return { ctx: { config: () => ({ cacheTtlMs: 5000, egressGatewayWorkloads: gatewayWorkloads }), deps: () => deps }, queries };
}

/** Every query lexes as Prometheus' lexer would and has no comment; returns them taken apart. */
export function expectWellFormed(queries: readonly string[]): PromqlParts[] {
  return queries.map((q) => {
    const parts = splitPromql(q);
    expect(parts.comments, q).toEqual([]);
    return parts;
  });
}

/**
 * A value from a request reached PromQL only inside string literals: every
 * query has a shape (the code around the literals) that a benign value gives
 * too, and `value` is one literal's value, regex-escaped inside one, or a
 * host as its chart selects it (observedHostPattern) (null: the value need
 * not reach PromQL at all).
 */
export function expectOnlyInLiterals(queries: readonly string[], benign: readonly string[], value: string | null): void {
  expect(queries.length).toBeGreaterThan(0);
  const shapes = new Set(expectWellFormed(benign).map((p) => p.code));
  const parts = expectWellFormed(queries);
  for (const p of parts) expect(shapes.has(p.code), `a query changed shape:\n${p.code}`).toBe(true);
  if (value === null) return;
  const wellFormed = value.toWellFormed();
  const host = observedHostPattern(wellFormed);
  const inside = parts.some((p) => p.literals.some((l) => l === wellFormed || l.includes(escapeRegex(wellFormed)) || l === host));
  expect(inside, `${JSON.stringify(value)} is in no literal of ${JSON.stringify(queries)}`).toBe(true);
}
