import fs from 'node:fs';
import path from 'node:path';

/** What global setup started, for the tests to find. */
export interface E2eState {
  /** Start of the demo history (unix seconds). */
  readonly origin: number;
  /** The built app, one per backend, plus apps whose backend is down or hangs. */
  readonly apps: {
    readonly prometheus: string;
    readonly 'victoria-metrics': string;
    readonly unreachable: string;
    readonly hanging: string;
  };
  readonly backends: { readonly prometheus: string; readonly 'victoria-metrics': string };
  /** The backfilled demo history (OpenMetrics), for tests that start a Prometheus of their own. */
  readonly historyFile: string;
}

export const STATE_FILE = path.join(__dirname, '.state', 'state.json');

export function readState(): E2eState {
  return JSON.parse(fs.readFileSync(STATE_FILE, 'utf8')) as E2eState;
}

export function writeState(state: E2eState): void {
  fs.mkdirSync(path.dirname(STATE_FILE), { recursive: true });
  fs.writeFileSync(STATE_FILE, JSON.stringify(state, null, 2));
}
