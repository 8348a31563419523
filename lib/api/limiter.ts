/**
 * Runs tasks at most `slots` at a time, the others waiting their turn in
 * order; past `maxWaiting` waiting, a task is refused at once. For work whose
 * memory grows with the number in flight (reading a large YAML text holds
 * tens of megabytes while it runs), so that concurrent requests queue
 * instead of each holding its share at the same time.
 */
export interface Limiter {
  /** Runs `task` when a slot is free; throws `refuse()` when too many already wait. */
  run<T>(task: () => Promise<T>, refuse: () => Error): Promise<T>;
  readonly running: number;
  readonly waiting: number;
}

export function createLimiter(slots: number, maxWaiting: number): Limiter {
  let running = 0;
  const queue: (() => void)[] = [];
  const release = () => {
    const next = queue.shift();
    if (next) next();
    else running--;
  };
  return {
    async run(task, refuse) {
      if (running >= slots) {
        if (queue.length >= maxWaiting) throw refuse();
        // The slot is handed over by release(): running stays the same.
        await new Promise<void>((resolve) => queue.push(resolve));
      } else running++;
      try {
        return await task();
      } finally {
        release();
      }
    },
    get running() {
      return running;
    },
    get waiting() {
      return queue.length;
    },
  };
}
