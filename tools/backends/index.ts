/**
 * Real Prometheus / VictoriaMetrics launchers for the demo, Playwright global
 * setup and benchmarks: loopback only, temp data dirs, stopped by PID.
 */
export { findFreePort, waitForHttp, type WaitForHttpOptions } from './net';
export { which } from './which';
export { findBinary, missingBinariesMessage, resolveBinary, type BinaryName } from './binaries';
export { startPrometheus, buildPrometheusConfig, prometheusArgs, DEMO_SCRAPE_JOB } from './prometheus';
export { startVictoriaMetrics, importJsonLines, forceFlush, remoteWriteUrlOf, victoriaMetricsArgs } from './victoria-metrics';
export { renderCounters, startCounterExporter, type CounterExporter, type CounterSeries } from './counter-exporter';
export { exitOnSignals, readLogTail, trackTempDir, untrackTempDir } from './managed-process';
export type { BackendKind, PrometheusOptions, RunningBackend, VictoriaMetricsOptions } from './types';
export { startNextApp, type NextAppOptions, type RunningApp } from './next-app';
