/**
 * glibc malloc settings for the server process: the image sets them (ENV in
 * the Dockerfile, checked by deploy/checks) and so does the launcher the
 * tests and benchmarks use (tools/backends/next-app.ts); glibc reads them when
 * the process starts, so the app cannot set them itself.
 *
 * glibc raises its mmap threshold every time it frees a large mmapped block
 * (up to 32 MB). After one 1 MiB request body, buffers of a few hundred
 * kilobytes (an answer copied for each client, Prometheus answers) come from
 * the main heap instead, whose free space between live blocks is never given
 * back: after bench/fuzz-then-load.ts it held 70-120 MB, ~56 MB of it free
 * (malloc_trim(0), called with gdb, returned that much). A fixed threshold
 * of 128 KiB keeps such buffers mmapped, returned when freed: final RSS
 * 264-276 MB instead of 307-308 (docs/PERFORMANCE.md).
 */
export const MALLOC_ENV: Readonly<Record<string, string>> = { MALLOC_MMAP_THRESHOLD_: '131072' };
