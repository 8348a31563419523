import { beforeAll, describe } from 'vitest';
import { findBinary, missingBinariesMessage, type BinaryName } from '../tools/backends/binaries';

/** Real binaries start slowly on a busy 2-core machine: their suites get this much per test. */
const REAL_BINARY_TIMEOUT_MS = 60_000;

/**
 * A suite that runs against real binaries (Prometheus, promtool,
 * VictoriaMetrics). It never skips: a missing binary fails every test of the
 * suite with the install command, so a suite cannot pass where it proves
 * nothing (`npm test` installs them).
 */
export function describeWithBinaries(binaries: readonly BinaryName[], name: string, body: () => void): void {
  describe(name, { timeout: REAL_BINARY_TIMEOUT_MS }, () => {
    beforeAll(() => {
      const missing = binaries.filter((b) => findBinary(b) === null);
      if (missing.length > 0) throw new Error(missingBinariesMessage(missing));
    });
    body();
  });
}
