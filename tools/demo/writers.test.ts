import { missingBinariesMessage } from '../backends/binaries';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CounterSeries } from './counter-series';
import { renderExposition } from './exposition';
import { escapeLabelValue, formatLabels } from './format';
import { createDemoMesh, demoSeries } from './mesh';
import { DEMO_HOSTILE_HOST } from './small-mesh';
import type { DemoSeries } from './types';
import { writeOpenMetrics, writeVmJsonLines } from './writers';

const run = promisify(execFile);
const ORIGIN = 1_700_000_100;
const NASTY = 'a "quoted" \\ back\\slash\nnew line';
/** promtool on PATH, if any (its test fails without it). */
const PROMTOOL = (process.env.PATH ?? '')
  .split(delimiter)
  .map((d) => join(d, 'promtool'))
  .find((p) => existsSync(p));

function nasty(name: string, from = ORIGIN): CounterSeries {
  const rate = { perSecond: 2, amplitude: 0, period: 3600, phase: 0 };
  return new CounterSeries({ name, labels: { reporter: 'source', destination_service: NASTY, host: DEMO_HOSTILE_HOST }, rate, from });
}

/** Parse `name{labels} value [timestamp]` with the text-format escapes. */
function parseSample(line: string): { name: string; labels: Record<string, string>; value: number; ts?: number } {
  // dotAll: a label value may hold a raw CR (only backslash, double quote and LF are escaped).
  const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)\{(.*)\} (\S+)(?: (\S+))?$/s.exec(line);
  if (!m) throw new Error(`bad sample line ${line}`);
  const labels: Record<string, string> = {};
  let rest = m[2] ?? '';
  const re = /^([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)",?/;
  while (rest.length > 0) {
    const l = re.exec(rest);
    if (!l) throw new Error(`bad labels ${rest}`);
    labels[l[1] ?? ''] = (l[2] ?? '').replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
    rest = rest.slice(l[0].length);
  }
  return { name: m[1] ?? '', labels, value: Number(m[3]), ...(m[4] !== undefined ? { ts: Number(m[4]) } : {}) };
}

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'egress-demo-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('label escaping', () => {
  it('escapes backslash, double quote and newline only', () => {
    expect(escapeLabelValue(NASTY)).toBe('a \\"quoted\\" \\\\ back\\\\slash\\nnew line');
    expect(escapeLabelValue(DEMO_HOSTILE_HOST)).toBe(DEMO_HOSTILE_HOST);
    expect(formatLabels({ a: 'x', b: '"' })).toBe('{a="x",b="\\""}');
    expect(() => formatLabels({ 'bad-name': 'x' })).toThrow(/label name/);
  });
});

describe('writeOpenMetrics', () => {
  it('groups by family, orders timestamps, escapes labels and ends with # EOF', async () => {
    // Interleaved families and a one-shot generator: the writer must regroup them.
    function* input(): Generator<DemoSeries> {
      yield nasty('istio_requests_total');
      yield nasty('istio_tcp_sent_bytes_total');
      yield nasty('istio_requests_total', ORIGIN + 60);
    }
    const path = join(dir, 'nasty.om.txt');
    const result = await writeOpenMetrics(input(), { start: ORIGIN, end: ORIGIN + 120, step: 15 }, path);
    expect(result).toEqual({ series: 3, samples: 9 + 9 + 5 });
    const lines = (await readFile(path, 'utf8')).split('\n');
    expect(lines.at(-1)).toBe('');
    expect(lines.at(-2)).toBe('# EOF');
    expect(lines.filter((l) => l.startsWith('#'))).toEqual(['# TYPE istio_requests counter', '# TYPE istio_tcp_sent_bytes counter', '# EOF']);
    const samples = lines.filter((l) => l && !l.startsWith('#')).map(parseSample);
    expect(samples.map((s) => s.name).indexOf('istio_tcp_sent_bytes_total')).toBe(14);
    for (const s of samples) expect(s.labels).toEqual({ reporter: 'source', destination_service: NASTY, host: DEMO_HOSTILE_HOST });
    expect(samples.slice(0, 9).map((s) => s.ts)).toEqual(Array.from({ length: 9 }, (_, i) => ORIGIN + 15 * i));
    expect(samples[9]).toMatchObject({ ts: ORIGIN + 60, value: 0 });
    expect(samples[8]?.value).toBeCloseTo(240, 9);
  });

  it('writes only timestamps where the series exists', async () => {
    const mesh = createDemoMesh({ origin: ORIGIN });
    const switchAt = mesh.events.switchToBlockedAt;
    const ipify = [...demoSeries(mesh)].filter((s) => s.labels.destination_service === 'api.ipify.org');
    const path = join(dir, 'ipify.om.txt');
    await writeOpenMetrics(ipify, { start: switchAt - 30, end: switchAt + 30, step: 15 }, path);
    const samples = (await readFile(path, 'utf8')).split('\n').filter((l) => l && !l.startsWith('#')).map(parseSample);
    const ts = (cluster: string): (number | undefined)[] => samples.filter((s) => s.labels.destination_service_name === cluster).map((s) => s.ts);
    expect(ts('PassthroughCluster')).toEqual([switchAt - 30, switchAt - 15, switchAt]);
    expect(ts('BlackHoleCluster')).toEqual([switchAt, switchAt + 15, switchAt + 30]);
  });

  it('is accepted by promtool tsdb create-blocks-from openmetrics', { timeout: 60_000 }, async () => {
    // Never skipped: a missing promtool fails with the install command (npm test installs it).
    if (!PROMTOOL) throw new Error(missingBinariesMessage(['promtool']));
    const mesh = createDemoMesh({ origin: ORIGIN });
    const series = { *[Symbol.iterator]() { yield* demoSeries(mesh); yield nasty('istio_requests_total'); } };
    const path = join(dir, 'mesh.om.txt');
    const written = await writeOpenMetrics(series, { start: ORIGIN, end: ORIGIN + 3 * 3600, step: 60 }, path);
    const tsdb = join(dir, 'tsdb');
    await run(PROMTOOL ?? 'promtool', ['tsdb', 'create-blocks-from', 'openmetrics', path, tsdb]);
    await mkdir(join(tsdb, 'wal'), { recursive: true }); // `tsdb dump` wants a WAL directory
    const { stdout } = await run(PROMTOOL ?? 'promtool', ['tsdb', 'dump', tsdb], { maxBuffer: 256 * 1024 * 1024 });
    const dumped = stdout.split('\n').filter(Boolean);
    expect(dumped.length).toBe(written.samples);
    // promtool prints labels Go-quoted: the same escapes as the text format.
    expect(stdout).toContain(`destination_service="${escapeLabelValue(NASTY)}"`);
    expect(stdout).toContain(`destination_service="${DEMO_HOSTILE_HOST}"`);
  });
});

describe('writeVmJsonLines', () => {
  it('writes one parseable line per series with ms timestamps', async () => {
    const path = join(dir, 'vm.jsonl');
    const series = [nasty('istio_requests_total'), nasty('istio_requests_total', ORIGIN + 1000)];
    const result = await writeVmJsonLines(series, { start: ORIGIN, end: ORIGIN + 60, step: 15 }, path);
    expect(result).toEqual({ series: 1, samples: 5 });
    const lines = (await readFile(path, 'utf8')).split('\n').filter(Boolean);
    expect(lines).toHaveLength(1);
    const row: unknown = JSON.parse(lines[0] ?? '');
    expect(row).toEqual({
      metric: { __name__: 'istio_requests_total', reporter: 'source', destination_service: NASTY, host: DEMO_HOSTILE_HOST },
      values: [0, 30, 60, 90, 120].map((v) => expect.closeTo(v, 9)),
      timestamps: [0, 15, 30, 45, 60].map((d) => (ORIGIN + d) * 1000),
    });
  });

  it('rejects when the file cannot be written', async () => {
    await expect(writeVmJsonLines([nasty('x_total')], { start: ORIGIN, end: ORIGIN, step: 15 }, join(dir, 'no/such/dir.jsonl'))).rejects.toThrow(/ENOENT/);
  });
});

describe('renderExposition', () => {
  const mesh = createDemoMesh({ origin: ORIGIN });

  it('renders every existing series once, without timestamps, one # TYPE per metric', () => {
    const t = mesh.events.switchToBlockedAt - 60;
    const text = renderExposition(demoSeries(mesh), t);
    const lines = text.trimEnd().split('\n');
    const types = lines.filter((l) => l.startsWith('# TYPE'));
    expect(types).toEqual([
      '# TYPE istio_requests_total counter',
      '# TYPE istio_tcp_sent_bytes_total counter',
      '# TYPE istio_tcp_received_bytes_total counter',
      '# TYPE istio_tcp_connections_opened_total counter',
      '# TYPE istio_tcp_connections_closed_total counter',
      '# TYPE istio_build gauge',
    ]);
    const samples = lines.filter((l) => !l.startsWith('#')).map(parseSample);
    const existing = [...demoSeries(mesh)].filter((s) => s.existsAt(t));
    expect(samples).toHaveLength(existing.length);
    for (const s of samples) expect(s.ts).toBeUndefined();
    expect(samples.some((s) => s.labels.destination_service_name === 'BlackHoleCluster' && s.labels.destination_service === 'api.ipify.org')).toBe(false);
    expect(samples.some((s) => s.labels.destination_service === DEMO_HOSTILE_HOST)).toBe(true);
  });

  it('escapes label values', () => {
    const sample = parseSample(renderExposition([nasty('x_total')], ORIGIN + 10).split('\n')[1] ?? '');
    expect(sample.labels.destination_service).toBe(NASTY);
    expect(sample.value).toBeCloseTo(20, 9);
  });
});
