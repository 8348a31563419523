import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startExporter, type DemoExporter } from './exporter';
import { createDemoMesh } from './mesh';

const now = Math.floor(Date.now() / 1000);
const mesh = createDemoMesh({ origin: now - (now % 15) - 6 * 3600 });
let exporter: DemoExporter;

beforeAll(async () => {
  exporter = await startExporter(mesh, { host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  await exporter.close();
});

describe('startExporter', () => {
  it('listens on a real port', () => {
    expect(exporter.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(exporter.url).not.toMatch(/:0$/);
  });

  it('serves the exposition of every series at /metrics', async () => {
    const res = await fetch(`${exporter.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const body = await res.text();
    expect(body).toContain('# TYPE istio_requests_total counter');
    expect(body).toContain('job="istio-demo",instance="demo-mesh"');
    // After the switch: the blocked series exists, the passthrough one is gone.
    expect(body).toMatch(/destination_service="api\.ipify\.org",destination_service_name="BlackHoleCluster"/);
    expect(body).not.toMatch(/destination_service="api\.ipify\.org",destination_service_name="PassthroughCluster"/);
    for (const line of body.trimEnd().split('\n')) {
      if (line.startsWith('#')) continue;
      const value = Number(line.slice(line.lastIndexOf(' ') + 1));
      expect(Number.isFinite(value) && value >= 0).toBe(true);
    }
  });

  it('answers 404 elsewhere', async () => {
    const res = await fetch(`${exporter.url}/`);
    expect(res.status).toBe(404);
    await res.text();
  });
});
