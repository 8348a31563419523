import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { findFreePort, waitForHttp } from './net';
import { buildPrometheusConfig, prometheusArgs, startPrometheus } from './prometheus';
import { buildHistory, makeTempDir, pidExists, queryValues, writeOpenMetrics } from '../../testing/backend-history';
import type { RunningBackend } from './types';
import { describeWithBinaries } from '../../testing/needs-binaries';

describe('buildPrometheusConfig', () => {
  it('scrapes targets as job istio-demo with honor_labels and a capped timeout', () => {
    const config: unknown = JSON.parse(buildPrometheusConfig({ scrapeTargets: ['127.0.0.1:9100'], scrapeIntervalSeconds: 1 }));
    expect(config).toEqual({
      global: { scrape_interval: '1000ms', scrape_timeout: '1000ms', evaluation_interval: '1000ms' },
      storage: { tsdb: { out_of_order_time_window: '2h' } },
      scrape_configs: [
        { job_name: 'istio-demo', honor_labels: true, metrics_path: '/metrics', static_configs: [{ targets: ['127.0.0.1:9100'] }] },
      ],
    });
  });

  it('defaults to 15 s and no scrape jobs', () => {
    const config = JSON.parse(buildPrometheusConfig({})) as { global: Record<string, string>; scrape_configs: unknown[] };
    expect(config.global.scrape_interval).toBe('15000ms');
    expect(config.global.scrape_timeout).toBe('10000ms');
    expect(config.scrape_configs).toEqual([]);
  });

  it('rejects targets that are not host:port', () => {
    expect(() => buildPrometheusConfig({ scrapeTargets: ['http://x:1'] })).toThrow(/host:port/);
  });

  it('remote-writes to a loopback URL with one-second batches, with the external labels of a per-cluster Prometheus', () => {
    const config: unknown = JSON.parse(buildPrometheusConfig({ remoteWriteUrl: 'http://127.0.0.1:8428/api/v1/write', externalLabels: { cluster: 'east' } }));
    expect(config).toMatchObject({
      global: { external_labels: { cluster: 'east' } },
      remote_write: [{ url: 'http://127.0.0.1:8428/api/v1/write', queue_config: { batch_send_deadline: '1s' } }],
    });
    const plain = JSON.parse(buildPrometheusConfig({})) as Record<string, Record<string, unknown>>;
    expect(plain.remote_write).toBeUndefined();
    expect(plain.global?.external_labels).toBeUndefined();
  });

  it('rejects a remote write URL off loopback and external label names Prometheus would refuse', () => {
    expect(() => buildPrometheusConfig({ remoteWriteUrl: 'http://10.0.0.1:8428/api/v1/write' })).toThrow(/loopback/);
    expect(() => buildPrometheusConfig({ remoteWriteUrl: 'not a url' })).toThrow(/http URL/);
    expect(() => buildPrometheusConfig({ remoteWriteUrl: 'http://[::1]:8428/api/v1/write' })).not.toThrow();
    expect(() => buildPrometheusConfig({ externalLabels: { 'source-cluster': 'x' } })).toThrow(/external label name/);
  });
});

describe('prometheusArgs', () => {
  it('binds loopback, keeps the TSDB forever, and appends extra flags last so they can override defaults', () => {
    expect(prometheusArgs('/c.yml', '/d', 1234, ['--query.max-samples=10', '--storage.tsdb.retention.time=1d'])).toEqual([
      '--config.file=/c.yml',
      '--storage.tsdb.path=/d',
      '--storage.tsdb.retention.time=100y',
      '--web.listen-address=127.0.0.1:1234',
      '--query.max-samples=10',
      '--storage.tsdb.retention.time=1d',
    ]);
    expect(prometheusArgs('/c.yml', '/d', 1)).toHaveLength(4);
  });
});

describeWithBinaries(['prometheus', 'promtool'], 'startPrometheus (real process)', () => {
  const started: RunningBackend[] = [];
  const tmp = makeTempDir('prom');
  afterEach(async () => {
    await Promise.all(started.splice(0).map((b) => b.stop()));
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('backfills OpenMetrics reaching 30 min into the future and answers rate() inside it', async () => {
    const now = Date.now() / 1000;
    const file = writeOpenMetrics(tmp, buildHistory(now));
    const prom = await startPrometheus({ openMetricsFile: file });
    started.push(prom);
    expect(prom.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    for (const t of [now - 900, now + 900]) {
      const values = await queryValues(prom.url, 'rate(demo_requests_total[5m])', t);
      expect(values).toHaveLength(1);
      expect(values[0]).toBeCloseTo(2, 6);
    }
    await prom.stop();
    expect(pidExists(prom.pid)).toBe(false);
    expect(fs.existsSync(prom.dataDir)).toBe(false);
    expect(fs.existsSync(prom.logFile)).toBe(false);
  });

  it('scrapes a live target within ~10 s, even with backfilled blocks in the future', async () => {
    let hits = 0;
    const server = http.createServer((_req, res) => {
      hits += 1;
      res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4' });
      res.end(`# TYPE live_requests_total counter\nlive_requests_total{source_workload="demo"} ${hits}\n`);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address() as net.AddressInfo;
    try {
      const file = writeOpenMetrics(tmp, buildHistory(Date.now() / 1000));
      const prom = await startPrometheus({
        openMetricsFile: file,
        scrapeTargets: [`127.0.0.1:${address.port}`],
        scrapeIntervalSeconds: 1,
      });
      started.push(prom);
      const deadline = Date.now() + 12_000;
      let values: number[] = [];
      while (values.length === 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        values = await queryValues(prom.url, 'live_requests_total{job="istio-demo",source_workload="demo"}');
      }
      expect(values).toHaveLength(1);
      expect(values[0]).toBeGreaterThanOrEqual(1);
    } finally {
      server.close();
    }
  }, 20_000);

  it('stop() is idempotent, also while paused; pause() makes it hang until resume()', async () => {
    const prom = await startPrometheus({});
    started.push(prom);
    prom.pause();
    await expect(fetch(`${prom.url}/-/ready`, { signal: AbortSignal.timeout(300) })).rejects.toThrow();
    prom.resume();
    // Answers again once resumed (polled: on a loaded 2-core machine the first answer can take seconds).
    await waitForHttp(`${prom.url}/-/ready`, { timeoutMs: 15_000 });
    prom.pause();
    const t0 = Date.now();
    await Promise.all([prom.stop(), prom.stop()]);
    // Well under the 10 s SIGKILL fallback: stop() resumed the paused process and it exited on SIGTERM.
    expect(Date.now() - t0).toBeLessThan(8_000);
    await prom.stop();
    expect(pidExists(prom.pid)).toBe(false);
    expect(fs.existsSync(prom.dataDir)).toBe(false);
  });

  it('starts with extra flags: a tiny --query.max-samples makes Prometheus refuse queries with its own 422', async () => {
    const prom = await startPrometheus({ extraArgs: ['--query.max-samples=10'] });
    started.push(prom);
    const res = await fetch(`${prom.url}/api/v1/query_range?query=vector(1)&start=0&end=100&step=1`);
    expect(res.status).toBe(422);
    expect(await res.json()).toEqual({ status: 'error', errorType: 'execution', error: 'query processing would load too many samples into memory in query execution' });
  });

  it('fails with the command line and the log tail when the port is taken', async () => {
    const port = await findFreePort();
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
    try {
      const err: unknown = await startPrometheus({ port }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(Error);
      const message = (err as Error).message;
      expect(message).toContain('prometheus failed to start');
      expect(message).toContain(`--web.listen-address=127.0.0.1:${port}`);
      expect(message).toMatch(/address already in use/);
      const logFile = /--- (\S+) \(last 30 lines\) ---/.exec(message)?.[1];
      expect(logFile).toBeDefined();
      expect(fs.existsSync(logFile ?? '')).toBe(false);
    } finally {
      blocker.close();
    }
  });

  it('reports a promtool failure with its command line', async () => {
    const bad = `${tmp}/bad.om`;
    fs.writeFileSync(bad, 'this is not openmetrics\n');
    await expect(startPrometheus({ openMetricsFile: bad })).rejects.toThrow(/promtool backfill exited with code 1[\s\S]*create-blocks-from openmetrics/);
  });
});
