import { PrometheusError } from './errors';
import type { InstantQueryResult, PromLabels, QueryStats, RangeQueryResult, Sample, Series } from './types';

/** Parses a Prometheus sample value string, including "+Inf", "-Inf" and "NaN". */
export function parseSampleValue(raw: unknown): number {
  if (typeof raw === 'number') return raw;
  if (typeof raw !== 'string') throw badShape('sample value is not a string');
  switch (raw) {
    case '+Inf':
    case 'Inf':
      return Number.POSITIVE_INFINITY;
    case '-Inf':
      return Number.NEGATIVE_INFINITY;
    case 'NaN':
      return Number.NaN;
    default: {
      const n = Number(raw);
      if (raw.trim() === '' || Number.isNaN(n)) throw badShape(`sample value "${raw.slice(0, 40)}" is not a number`);
      return n;
    }
  }
}

function badShape(detail: string): PrometheusError {
  return new PrometheusError('bad-response', `Unexpected answer from Prometheus: ${detail}`);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function parseLabels(raw: unknown): PromLabels {
  if (!isObject(raw)) throw badShape('series without a metric object');
  for (const k in raw) if (typeof raw[k] !== 'string') throw badShape('label value is not a string');
  return raw as PromLabels;
}

function parsePoint(raw: unknown): { t: number; v: number } {
  if (!Array.isArray(raw) || raw.length !== 2 || typeof raw[0] !== 'number') throw badShape('malformed sample');
  return { t: raw[0], v: parseSampleValue(raw[1]) };
}

interface Envelope {
  readonly data: Record<string, unknown>;
  readonly warnings: string[];
  readonly stats?: QueryStats;
}

/** Checks the `{status, data, warnings, infos}` envelope of a successful API answer. */
function openEnvelope(raw: unknown): Envelope {
  if (!isObject(raw)) throw badShape('the body is not a JSON object');
  if (raw.status !== 'success') throw badShape(`status "${String(raw.status)}"`);
  const data = raw.data;
  if (!isObject(data)) throw badShape('no data object');
  const warnings = [raw.warnings, raw.infos]
    .flatMap((w) => (Array.isArray(w) ? w : []))
    .filter((w): w is string => typeof w === 'string');
  return { data, warnings, stats: parseStats(data.stats) };
}

function parseStats(raw: unknown): QueryStats | undefined {
  if (!isObject(raw) || !isObject(raw.samples)) return undefined;
  const s = raw.samples;
  return {
    totalQueryableSamples: typeof s.totalQueryableSamples === 'number' ? s.totalQueryableSamples : undefined,
    peakSamples: typeof s.peakSamples === 'number' ? s.peakSamples : undefined,
  };
}

/** Parses an instant query answer (vector or scalar) into samples. */
export function parseInstantResponse(raw: unknown): InstantQueryResult {
  const { data, warnings, stats } = openEnvelope(raw);
  const result = data.result;
  if (data.resultType === 'scalar') return { samples: [{ labels: {}, value: parsePoint(result).v }], warnings, stats };
  if (data.resultType !== 'vector' || !Array.isArray(result)) throw badShape(`expected a vector, got ${String(data.resultType)}`);
  const samples: Sample[] = result.map((r: unknown) => {
    if (!isObject(r)) throw badShape('malformed vector element');
    return { labels: parseLabels(r.metric), value: parsePoint(r.value).v };
  });
  return { samples, warnings, stats };
}

/** Parses a range query answer (matrix) into series. */
export function parseRangeResponse(raw: unknown): RangeQueryResult {
  const { data, warnings, stats } = openEnvelope(raw);
  const result = data.result;
  if (data.resultType !== 'matrix' || !Array.isArray(result)) throw badShape(`expected a matrix, got ${String(data.resultType)}`);
  const series: Series[] = result.map((r: unknown) => {
    if (!isObject(r) || !Array.isArray(r.values)) throw badShape('malformed matrix element');
    return { labels: parseLabels(r.metric), points: r.values.map(parsePoint) };
  });
  return { series, warnings, stats };
}
