import path from 'node:path';
import { findFreePort, startNextApp, startPrometheus, type PrometheusOptions, type RunningApp, type RunningBackend } from '../../tools/backends';
import type { E2eState } from '../state';
import { test } from '../fixtures';

const ROOT = path.resolve(__dirname, '..', '..');

/** A describe block's own Prometheus, on a port that stays the app's PROMETHEUS_URL while tests stop and restart it. */
export interface RestartableStack {
  readonly port: number;
  /** The built app reading 127.0.0.1:port. */
  readonly app: RunningApp;
  /** Stops the Prometheus on the port, if one runs. */
  stop(): Promise<void>;
  /** Stops the Prometheus on the port, if one runs, and starts one there with these options. */
  restart(opts?: Omit<PrometheusOptions, 'port'>): Promise<RunningBackend>;
}

/**
 * Registers beforeAll/afterAll for the current describe block: a real
 * Prometheus on a free port (started with `prometheus(state)`, or left
 * stopped with `stopped`) and the built app reading that port with `appEnv`;
 * both are stopped by PID after the block. Use the returned getter in tests.
 */
export function restartablePrometheus(opts: {
  readonly prometheus: (state: E2eState) => Omit<PrometheusOptions, 'port'>;
  readonly appEnv: Readonly<Record<string, string>>;
  /** Start it, then stop it: the port is dead until a test restarts it. */
  readonly stopped?: boolean;
}): () => RestartableStack {
  let stack: RestartableStack | undefined;
  let prom: RunningBackend | undefined;
  let app: RunningApp | undefined;

  test.beforeAll(async ({ state }) => {
    const port = await findFreePort();
    [prom, app] = await Promise.all([
      startPrometheus({ ...opts.prometheus(state), port }),
      startNextApp({ root: ROOT, env: { ...opts.appEnv, PROMETHEUS_URL: `http://127.0.0.1:${port}` } }),
    ]);
    if (opts.stopped) await prom.stop();
    const stop = async () => {
      await prom?.stop();
      prom = undefined;
    };
    stack = {
      port,
      app,
      stop,
      async restart(o = {}) {
        await stop();
        prom = await startPrometheus({ ...o, port });
        return prom;
      },
    };
  });

  test.afterAll(async () => {
    await app?.stop();
    await prom?.stop();
  });

  return () => {
    if (!stack) throw new Error('restartablePrometheus: used outside its describe block');
    return stack;
  };
}
