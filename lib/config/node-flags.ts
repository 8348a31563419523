/**
 * Node.js flags the server runs with everywhere: the Dockerfile's CMD,
 * `npm start`, and the launcher of the demo, the tests and the benchmarks
 * (deploy/checks keeps the first two in step with this list).
 *
 * `--heap-growing-percent=30`: after a full garbage collection V8 lets the
 * old generation grow to 1.3x of what survived, instead of up to about 4x
 * when it thinks it can afford it. A report over 10^5 series builds ~30-50 MB
 * of flows that are garbage a moment later; by default V8 let ~150 MB of them
 * pile up before collecting, and the server's peak RSS varied from 255 to
 * 360 MB between runs of the same benchmark. With the flag it stays near
 * 200 MB, at the same speed (docs/PERFORMANCE.md, "Server memory").
 */
export const SERVER_NODE_FLAGS: readonly string[] = ['--heap-growing-percent=30'];
