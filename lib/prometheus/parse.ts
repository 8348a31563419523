import type { ReadAnswer } from './answer-reader';
import { describeAnswer, PrometheusError } from './errors';
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
  return new PrometheusError('bad-response', `The backend did not answer like Prometheus: ${detail}`);
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

/** Warnings and stats of an answer whose series were handed over one by one. */
export type AnswerMeta = Omit<InstantQueryResult, 'samples'>;

/** Checks the `{status, data, warnings, infos}` envelope of a successful API answer. */
function openEnvelope(answer: ReadAnswer): Envelope {
  // A login page, a proxy's text, other JSON: say what came instead of the API's answer.
  if (answer.kind === 'text') throw badShape(`it sent ${describeAnswer(jsonOrText(answer.text))}`);
  const raw = answer.envelope;
  if (!isObject(raw) || typeof raw.status !== 'string') throw badShape(`it sent ${describeAnswer(raw)}`);
  if (raw.status !== 'success') throw badShape(`status "${raw.status.slice(0, 40)}" in a successful answer`);
  const data = raw.data;
  if (!isObject(data)) throw badShape('no data object');
  const warnings = [raw.warnings, raw.infos]
    .flatMap((w) => (Array.isArray(w) ? w : []))
    .filter((w): w is string => typeof w === 'string');
  return { data, warnings, stats: parseStats(data.stats) };
}

/** Text that is JSON after all (an array, a string) is described as the JSON it is. */
function jsonOrText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function parseStats(raw: unknown): QueryStats | undefined {
  if (!isObject(raw) || !isObject(raw.samples)) return undefined;
  const s = raw.samples;
  return {
    totalQueryableSamples: typeof s.totalQueryableSamples === 'number' ? s.totalQueryableSamples : undefined,
    peakSamples: typeof s.peakSamples === 'number' ? s.peakSamples : undefined,
  };
}

/**
 * What reads one answer: every series of `data.result` goes to element() as
 * it arrives (AnswerReader), then end() checks the rest of the answer. A bad
 * series is reported at the end, after the envelope, whose errors say more
 * ("expected a vector, got matrix").
 */
export interface AnswerConsumer<T> {
  element(raw: unknown): void;
  end(answer: ReadAnswer): T;
}

function consumer<E>(what: string, check: (raw: unknown) => E, take: (e: E) => void, rest: (env: Envelope) => void): AnswerConsumer<AnswerMeta> {
  let failure: PrometheusError | undefined;
  return {
    element(raw) {
      if (failure) return;
      try {
        take(check(raw));
      } catch (e) {
        failure = e instanceof PrometheusError ? e : badShape(`malformed ${what} element`);
      }
    },
    end(answer) {
      const env = openEnvelope(answer);
      rest(env);
      if (failure) throw failure;
      return { warnings: env.warnings, stats: env.stats };
    },
  };
}

function vectorSample(r: unknown): Sample {
  if (!isObject(r)) throw badShape('malformed vector element');
  return { labels: parseLabels(r.metric), value: parsePoint(r.value).v };
}

function matrixSeries(r: unknown): Series {
  if (!isObject(r) || !Array.isArray(r.values)) throw badShape('malformed matrix element');
  return { labels: parseLabels(r.metric), points: r.values.map(parsePoint) };
}

/** Reads an instant query answer (vector or scalar), handing each sample to `onSample`. */
export function instantAnswer(onSample: (s: Sample) => void): AnswerConsumer<AnswerMeta> {
  return consumer('vector', vectorSample, onSample, ({ data }) => {
    if (data.resultType === 'scalar') return onSample({ labels: {}, value: parsePoint(data.result).v });
    if (data.resultType !== 'vector' || !Array.isArray(data.result)) throw badShape(`expected a vector, got ${String(data.resultType).slice(0, 40)}`);
  });
}

/** Reads a range query answer (matrix), handing each series to `onSeries`. */
export function rangeAnswer(onSeries: (s: Series) => void): AnswerConsumer<AnswerMeta> {
  return consumer('matrix', matrixSeries, onSeries, ({ data }) => {
    if (data.resultType !== 'matrix' || !Array.isArray(data.result)) throw badShape(`expected a matrix, got ${String(data.resultType).slice(0, 40)}`);
  });
}

/** Feeds an answer that is already parsed (a recorded one, say) to a consumer, as AnswerReader would. */
export function consumeParsed<T>(raw: unknown, c: AnswerConsumer<T>): T {
  if (typeof raw === 'string') return c.end({ kind: 'text', text: raw });
  const data = isObject(raw) ? raw.data : undefined;
  if (!isObject(data) || !Array.isArray(data.result)) return c.end({ kind: 'json', envelope: raw });
  for (const e of data.result) if (isObject(e)) c.element(e);
  return c.end({ kind: 'json', envelope: { ...(raw as Record<string, unknown>), data: { ...data, result: data.result.filter((e) => !isObject(e)) } } });
}

/** Parses an instant query answer (vector or scalar) into samples. */
export function parseInstantResponse(raw: unknown): InstantQueryResult {
  const samples: Sample[] = [];
  return { samples, ...consumeParsed(raw, instantAnswer((s) => samples.push(s))) };
}

/** Parses a range query answer (matrix) into series. */
export function parseRangeResponse(raw: unknown): RangeQueryResult {
  const series: Series[] = [];
  return { series, ...consumeParsed(raw, rangeAnswer((s) => series.push(s))) };
}
