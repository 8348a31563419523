import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findFreePort, waitForHttp } from './net';
import { makeTempDir } from '../../testing/backend-history';
import { which } from './which';

const tmp = makeTempDir('net');
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('which', () => {
  it('finds executables on the given PATH and skips non-executable files and dirs', () => {
    const a = path.join(tmp, 'a');
    const b = path.join(tmp, 'b');
    fs.mkdirSync(a);
    fs.mkdirSync(b);
    fs.writeFileSync(path.join(a, 'tool'), '');
    fs.writeFileSync(path.join(b, 'tool'), '#!/bin/sh\n', { mode: 0o755 });
    fs.mkdirSync(path.join(a, 'dir-tool'));
    expect(which('tool', `${a}${path.delimiter}${b}`)).toBe(path.join(b, 'tool'));
    expect(which('dir-tool', a)).toBeNull();
    expect(which('missing', `${a}${path.delimiter}${b}`)).toBeNull();
    expect(which(path.join(b, 'tool'), '')).toBe(path.join(b, 'tool'));
    expect(which('sh')).toMatch(/\/sh$/);
  });
});

describe('findFreePort', () => {
  it('returns a loopback port that can be bound', async () => {
    const port = await findFreePort();
    expect(port).toBeGreaterThan(0);
    const server = net.createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', resolve);
    });
    server.close();
  });
});

describe('waitForHttp', () => {
  it('polls until the expected status', async () => {
    let calls = 0;
    const server = http.createServer((_req, res) => {
      calls += 1;
      res.writeHead(calls < 3 ? 503 : 200).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    try {
      await waitForHttp(`http://127.0.0.1:${port}/-/ready`, { timeoutMs: 5_000, intervalMs: 10 });
      expect(calls).toBe(3);
    } finally {
      server.close();
    }
  });

  it('times out with the last error', async () => {
    const port = await findFreePort();
    await expect(waitForHttp(`http://127.0.0.1:${port}/`, { timeoutMs: 300, intervalMs: 20 })).rejects.toThrow(
      /timed out after 300 ms .*ECONNREFUSED/,
    );
  });

  it('fails at once when isAlive() turns false, even while a request hangs', async () => {
    const hang = net.createServer(() => undefined);
    await new Promise<void>((resolve) => hang.listen(0, '127.0.0.1', resolve));
    const { port } = hang.address() as net.AddressInfo;
    const t0 = Date.now();
    try {
      await expect(
        waitForHttp(`http://127.0.0.1:${port}/`, { timeoutMs: 10_000, isAlive: () => Date.now() - t0 < 200 }),
      ).rejects.toThrow(/process exited while waiting/);
      expect(Date.now() - t0).toBeLessThan(1_500);
    } finally {
      hang.close();
    }
  });
});
