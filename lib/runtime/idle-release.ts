/**
 * Gives memory back to the system when the server goes quiet. Under a burst
 * of requests V8 lets its heap grow to several times the live data (after
 * 3,000 fuzzed requests: 450 MB used before a collection, 60-140 MB after),
 * and keeps what it grew committed while the server is idle: RSS stayed at
 * 370-600 MB with 60 MB live (docs/PERFORMANCE.md, "Memory under fuzzing").
 * One full collection once no request has been in flight for a while
 * returns it. It runs only when idle and only when the heap has grown to
 * more than twice what the last one left, so a steady dashboard does not
 * pay for it.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import v8 from 'node:v8';
import vm from 'node:vm';

export interface IdleReleaseOptions {
  /** How long no request must have been in flight. */
  readonly idleMs: number;
  /** Committed heap below which nothing is done. */
  readonly minHeapBytes: number;
}

export const IDLE_RELEASE: IdleReleaseOptions = { idleMs: 2_000, minHeapBytes: 128 * 1024 * 1024 };

/** Whether an idle server should collect: its heap has grown past the minimum and to more than twice what the last collection left. */
export function shouldRelease(committedBytes: number, liveAfterLastRelease: number, opts: IdleReleaseOptions = IDLE_RELEASE): boolean {
  return committedBytes >= opts.minHeapBytes && committedBytes > 2 * liveAfterLastRelease;
}

export interface IdleReleaseDeps {
  /** Committed and used heap, in bytes. */
  readonly heap: () => { readonly committed: number; readonly used: number };
  /** A full collection. */
  readonly collect: () => void;
  readonly now: () => number;
  /** Runs `fn` after `ms` without keeping the process alive. */
  readonly schedule: (fn: () => void, ms: number) => void;
}

/** Request bookkeeping that collects once the server has been idle for `idleMs` after activity. */
export function createIdleRelease(deps: IdleReleaseDeps, opts: IdleReleaseOptions = IDLE_RELEASE): { started(): void; ended(): void } {
  let inFlight = 0;
  let lastEnded = 0;
  let activeSinceRelease = false;
  let pending = false;
  let liveAfterRelease = 0;
  const check = () => {
    pending = false;
    if (inFlight > 0 || !activeSinceRelease) return;
    const quiet = deps.now() - lastEnded;
    if (quiet < opts.idleMs) {
      pending = true;
      deps.schedule(check, opts.idleMs - quiet);
      return;
    }
    activeSinceRelease = false;
    if (!shouldRelease(deps.heap().committed, liveAfterRelease, opts)) return;
    deps.collect();
    liveAfterRelease = deps.heap().used;
  };
  return {
    started() {
      inFlight++;
      activeSinceRelease = true;
    },
    ended() {
      inFlight = Math.max(0, inFlight - 1);
      lastEnded = deps.now();
      if (inFlight === 0 && !pending) {
        pending = true;
        deps.schedule(check, opts.idleMs);
      }
    },
  };
}

/** V8's full collection, without starting node with --expose-gc. */
function fullCollection(): () => void {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  v8.setFlagsFromString('--no-expose-gc');
  return gc;
}

const INSTALLED = Symbol.for('egress-lens.idle-release');

type Emitting = { emit(this: http.Server, event: string | symbol, ...args: unknown[]): boolean } & { [INSTALLED]?: true };

/** Counts the requests of every HTTP server (by default) and collects when they have all been answered for a while. Idempotent. */
export function releaseMemoryWhenIdle(target: Emitting = http.Server.prototype as unknown as Emitting, opts: IdleReleaseOptions = IDLE_RELEASE): void {
  if (target[INSTALLED]) return;
  const collect = fullCollection();
  const release = createIdleRelease(
    {
      heap: () => {
        const h = v8.getHeapStatistics();
        return { committed: h.total_heap_size, used: h.used_heap_size };
      },
      collect,
      now: () => performance.now(),
      schedule: (fn, ms) => void setTimeout(fn, ms).unref(),
    },
    opts,
  );
  const emit = target.emit;
  target.emit = function countingEmit(this: http.Server, event: string | symbol, ...args: unknown[]): boolean {
    if (event === 'request') {
      const res = args[1] as ServerResponse<IncomingMessage>;
      release.started();
      res.once('close', release.ended);
    }
    return emit.call(this, event, ...args);
  };
  target[INSTALLED] = true;
}
