import { describe, expect, it } from 'vitest';
import { AnswerReader, type ReadAnswer } from './answer-reader';

/** Feeds `bytes` to a reader cut at `cuts` (byte offsets) and returns what it handed over and found. */
function read(bytes: Buffer, cuts: readonly number[] = []): { elements: unknown[]; answer: ReadAnswer } {
  const elements: unknown[] = [];
  const reader = new AnswerReader((e) => elements.push(e));
  let from = 0;
  for (const cut of [...cuts, bytes.length]) {
    reader.write(bytes.subarray(from, cut));
    from = cut;
  }
  return { elements, answer: reader.end() };
}

/** What a reader must make of a JSON document: the object elements of data.result, and the rest. */
function expected(doc: unknown): { elements: unknown[]; answer: ReadAnswer } {
  const d = doc as { data?: { result?: unknown } };
  const result = d.data?.result;
  if (!Array.isArray(result)) return { elements: [], answer: { kind: 'json', envelope: doc } };
  const isObject = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);
  const envelope = { ...d, data: { ...d.data, result: result.filter((v) => !isObject(v)) } };
  return { elements: result.filter(isObject), answer: { kind: 'json', envelope } };
}

/** A small deterministic PRNG, so a failing case can be replayed. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** Label values that stress the scanner: quotes, backslash runs, braces, multi-byte characters. */
const NASTY = ['plain', 'a"b', 'a\\', '\\\\"', '}{][', '"}', 'ü', '日本', '🦄', '\u0000\u001f', '\\u0041', ',:', ''];

function vectorAnswer(rand: () => number, series: number): unknown {
  const pick = () => NASTY[Math.floor(rand() * NASTY.length)]!;
  const result = Array.from({ length: series }, (_, i) => ({
    metric: { __name__: 'istio_requests_total', host: `${pick()}${i}${pick()}`, [pick() || 'k']: pick() },
    value: [1700000000 + i, String(rand())],
  }));
  return { status: 'success', data: { resultType: 'vector', result }, warnings: [pick()], infos: [] };
}

describe('AnswerReader', () => {
  it('hands over every series of a vector in order and keeps the envelope, at every cut of a small answer', () => {
    const doc = vectorAnswer(prng(1), 3);
    const bytes = Buffer.from(JSON.stringify(doc));
    const want = expected(doc);
    for (let cut = 0; cut <= bytes.length; cut++) expect(read(bytes, [cut]), `cut at ${cut}`).toEqual(want);
  });

  it('reads answers cut into chunks of every size from 1 byte up', () => {
    const doc = vectorAnswer(prng(2), 20);
    const bytes = Buffer.from(JSON.stringify(doc, null, 1));
    const want = expected(doc);
    for (const size of [1, 2, 3, 5, 7, 64, 1000]) {
      const cuts = Array.from({ length: Math.floor(bytes.length / size) }, (_, k) => (k + 1) * size).filter((c) => c < bytes.length);
      expect(read(bytes, cuts), `chunks of ${size}`).toEqual(want);
    }
  });

  it('reads randomly cut answers of random series exactly as JSON.parse does', () => {
    for (let seed = 10; seed < 60; seed++) {
      const rand = prng(seed);
      const doc = vectorAnswer(rand, Math.floor(rand() * 40));
      const bytes = Buffer.from(JSON.stringify(doc, null, seed % 2 ? 0 : 2));
      const cuts = [...new Set(Array.from({ length: 8 }, () => Math.floor(rand() * bytes.length)))].sort((a, b) => a - b);
      expect(read(bytes, cuts), `seed ${seed}`).toEqual(expected(doc));
    }
  });

  it('keeps the elements of a scalar answer in the envelope', () => {
    const doc = { status: 'success', data: { resultType: 'scalar', result: [1700000000.5, '+Inf'] } };
    const bytes = Buffer.from(JSON.stringify(doc));
    for (let cut = 0; cut <= bytes.length; cut++) expect(read(bytes, [cut])).toEqual({ elements: [], answer: { kind: 'json', envelope: doc } });
  });

  it('hands over the series of a matrix, and stats that come after the result', () => {
    const doc = {
      status: 'success',
      data: { resultType: 'matrix', result: [{ metric: { a: '[' }, values: [[1, '1'], [2, '2']] }], stats: { samples: { totalQueryableSamples: 2 } } },
    };
    expect(read(Buffer.from(JSON.stringify(doc)), [20, 40])).toEqual(expected(doc));
  });

  it('reads only data.result apart: a "result" elsewhere stays in the envelope', () => {
    const doc = { status: 'error', result: [{ a: 1 }], data: { other: { result: [{ b: 2 }] }, result: [{ metric: {}, value: [1, '1'] }] } };
    expect(read(Buffer.from(JSON.stringify(doc)))).toEqual(expected(doc));
    expect(read(Buffer.from(JSON.stringify(doc))).elements).toEqual([{ metric: {}, value: [1, '1'] }]);
  });

  it('reads an error answer whole', () => {
    const doc = { status: 'error', errorType: 'bad_data', error: 'parse error: unexpected "}"' };
    expect(read(Buffer.from(JSON.stringify(doc)), [5, 30])).toEqual({ elements: [], answer: { kind: 'json', envelope: doc } });
  });

  it('says an answer is text when it is not a JSON object, keeping its start to describe it', () => {
    const page = '<html><head><title>Sign in</title></head>' + 'x'.repeat(200_000);
    const r = read(Buffer.from(page), [10, 100_000]);
    expect(r.elements).toEqual([]);
    expect(r.answer.kind).toBe('text');
    expect((r.answer as { text: string }).text.startsWith('<html><head><title>Sign in</title>')).toBe(true);
    expect((r.answer as { text: string }).text.length).toBe(64 * 1024);
    expect(read(Buffer.from('  [1,2]')).answer).toEqual({ kind: 'text', text: '[1,2]' });
    expect(read(Buffer.from('')).answer).toEqual({ kind: 'text', text: '' });
  });

  it.each([
    ['truncated in a series', '{"status":"success","data":{"resultType":"vector","result":[{"metric":{"a":"b"},"val'],
    ['truncated in the envelope', '{"status":"success","data":{"resultType":"vector","result":[]}'],
    ['truncated in a string', '{"status":"succ'],
    ['a broken series', '{"status":"success","data":{"resultType":"vector","result":[{"metric":{"a" "b"},"value":[1,"1"]}]}}'],
    ['trailing garbage', '{"status":"success","data":{"resultType":"vector","result":[]}} x'],
    ['mismatched brackets', '{"status":"success","data":{"resultType":"vector","result":[}}'],
  ])('says %s is not JSON', (_, text) => {
    expect(read(Buffer.from(text), [7]).answer.kind).toBe('text');
  });
});
