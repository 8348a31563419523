import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { renderCounters, startCounterExporter, type CounterExporter, type CounterSeries } from './counter-exporter';

/** A reader of the text format as Prometheus reads it: name, labels (unescaped) and value of each sample line. */
function parseSamples(text: string): { name: string; labels: Record<string, string>; value: number }[] {
  const out: { name: string; labels: Record<string, string>; value: number }[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/s.exec(line);
    if (!m) throw new Error(`not a sample line: ${line}`);
    const labels: Record<string, string> = {};
    const pair = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)",?/gsy;
    let p: RegExpExecArray | null;
    let consumed = 0;
    while ((p = pair.exec(m[2] ?? '')) !== null) {
      labels[p[1] ?? ''] = (p[2] ?? '').replace(/\\(.)/gs, (_, c: string) => (c === 'n' ? '\n' : c));
      consumed = pair.lastIndex;
    }
    if (consumed !== (m[2] ?? '').length) throw new Error(`bad labels: ${m[2]}`);
    out.push({ name: m[1] ?? '', labels, value: Number(m[3]) });
  }
  return out;
}

const labelName = fc.stringMatching(/^[a-zA-Z_][a-zA-Z0-9_]{0,8}$/);
const seriesArb: fc.Arbitrary<CounterSeries> = fc.record({
  name: fc.constantFrom('istio_requests_total', 'istio_tcp_connections_opened_total'),
  labels: fc.dictionary(labelName, fc.string({ unit: 'binary', maxLength: 12 }), { maxKeys: 4 }),
  perSecond: fc.double({ min: 0, max: 1e6, noNaN: true }),
});

describe('renderCounters', () => {
  it('any labels and rates parse back as written, each counter at perSecond x elapsed', () => {
    fc.assert(
      fc.property(fc.array(seriesArb, { maxLength: 6 }), fc.double({ min: 0, max: 1e5, noNaN: true }), (series, elapsed) => {
        const samples = parseSamples(renderCounters(series, elapsed));
        const byName = (s: { name: string }) => s.name;
        // Grouped by metric name (one # TYPE each), so compare as multisets per name.
        const expected = series.map((s) => ({ name: s.name, labels: { ...s.labels }, value: s.perSecond * elapsed }));
        const key = (s: { name: string; labels: Record<string, string>; value: number }) => JSON.stringify([byName(s), Object.entries(s.labels).sort(), s.value]);
        expect(samples.map(key).sort()).toEqual(expected.map(key).sort());
      }),
    );
  });

  it('writes one counter TYPE line per metric name', () => {
    const text = renderCounters(
      [
        { name: 'a_total', labels: { x: '1' }, perSecond: 2 },
        { name: 'b_total', labels: {}, perSecond: 1 },
        { name: 'a_total', labels: { x: '2' }, perSecond: 3 },
      ],
      10,
    );
    expect(text).toBe('# TYPE a_total counter\na_total{x="1"} 20\na_total{x="2"} 30\n# TYPE b_total counter\nb_total 10\n');
  });
});

describe('startCounterExporter', () => {
  let exporter: CounterExporter | undefined;
  afterEach(async () => {
    await exporter?.close();
    exporter = undefined;
  });

  it('serves counters that grow with the clock on loopback, and 404 elsewhere', async () => {
    let clock = 1000;
    exporter = await startCounterExporter([{ name: 'x_total', labels: { c: 'east' }, perSecond: 4 }], { now: () => clock });
    expect(exporter.target).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(exporter.url).toBe(`http://${exporter.target}`);
    clock += 2.5;
    const first = await fetch(`${exporter.url}/metrics`);
    expect(first.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(parseSamples(await first.text())).toEqual([{ name: 'x_total', labels: { c: 'east' }, value: 10 }]);
    clock += 1;
    expect(parseSamples(await (await fetch(`${exporter.url}/metrics`)).text())[0]?.value).toBe(14);
    expect((await fetch(`${exporter.url}/other`)).status).toBe(404);
  });
});
