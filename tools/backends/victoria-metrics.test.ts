import fs from 'node:fs';
import net from 'node:net';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { findFreePort } from './net';
import { buildHistory, makeTempDir, pidExists, queryValues, writeJsonLines } from '../../testing/backend-history';
import type { RunningBackend } from './types';
import { importJsonLines, startVictoriaMetrics, victoriaMetricsArgs } from './victoria-metrics';
import { describeWithBinaries } from '../../testing/needs-binaries';

describe('victoriaMetricsArgs', () => {
  it('binds loopback and appends extra args last so they can override defaults', () => {
    expect(victoriaMetricsArgs('/d', 1234, ['-search.latencyOffset=30s'])).toEqual([
      '-storageDataPath=/d',
      '-httpListenAddr=127.0.0.1:1234',
      '-retentionPeriod=100y',
      '-search.latencyOffset=0s',
      '-search.latencyOffset=30s',
    ]);
  });
});

describeWithBinaries(['victoria-metrics'], 'startVictoriaMetrics (real process)', () => {
  const started: RunningBackend[] = [];
  const tmp = makeTempDir('vm');
  afterEach(async () => {
    await Promise.all(started.splice(0).map((b) => b.stop()));
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('imports JSON lines (30 min in the future and 3 days back) that are queryable at once', async () => {
    const now = Date.now() / 1000;
    const old = now - 3 * 86_400;
    const file = writeJsonLines(tmp, [
      { labels: { __name__: 'demo_requests_total', a: 'x' }, history: buildHistory(now) },
      { labels: { __name__: 'old_requests_total', a: 'y' }, history: buildHistory(old, 0) },
    ]);
    const vm = await startVictoriaMetrics({ jsonLinesFile: file });
    started.push(vm);
    expect(vm.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    for (const t of [now - 900, now + 900]) {
      const values = await queryValues(vm.url, 'rate(demo_requests_total[5m])', t);
      expect(values).toHaveLength(1);
      expect(values[0]).toBeCloseTo(2, 6);
    }
    expect(await queryValues(vm.url, 'rate(old_requests_total[5m])', old - 900)).toEqual([2]);
    await vm.stop();
    expect(pidExists(vm.pid)).toBe(false);
    expect(fs.existsSync(vm.dataDir)).toBe(false);
  });

  it('importJsonLines() waits until a series imported after an earlier (empty) query is visible', async () => {
    const vm = await startVictoriaMetrics({});
    started.push(vm);
    const now = Date.now() / 1000;
    expect(await queryValues(vm.url, 'late_total', now)).toEqual([]);
    const file = writeJsonLines(tmp, [{ labels: { __name__: 'late_total' }, history: buildHistory(now, 0, 600) }]);
    await importJsonLines(vm.url, file);
    expect(await queryValues(vm.url, 'late_total', now)).toHaveLength(1);
  }, 30_000);

  it('stop() is idempotent', async () => {
    const vm = await startVictoriaMetrics({});
    await Promise.all([vm.stop(), vm.stop()]);
    await vm.stop();
    expect(pidExists(vm.pid)).toBe(false);
    expect(fs.existsSync(vm.dataDir)).toBe(false);
  });

  it('fails with the command line and the log tail when the port is taken', async () => {
    const port = await findFreePort();
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
    try {
      await expect(startVictoriaMetrics({ port })).rejects.toThrow(
        new RegExp(`victoria-metrics failed to start[\\s\\S]*-httpListenAddr=127\\.0\\.0\\.1:${port}[\\s\\S]*address already in use`),
      );
    } finally {
      blocker.close();
    }
  });

  it('rejects an import file whose first line is not JSON', async () => {
    const bad = `${tmp}/bad.jsonl`;
    fs.writeFileSync(bad, 'nope\n');
    await expect(startVictoriaMetrics({ jsonLinesFile: bad })).rejects.toThrow(/not valid JSON/);
  });
});
