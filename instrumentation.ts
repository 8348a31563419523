/** Runs once as the server starts (Next.js instrumentation), before it serves requests. */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  // TRACE, CONNECT and methods no route serves are answered before Next.js sees them.
  const { guardHttpServers } = await import('./lib/http/guard');
  guardHttpServers();
  // After a burst of requests, the heap V8 grew is given back once the server is idle.
  const { releaseMemoryWhenIdle } = await import('./lib/runtime/idle-release');
  releaseMemoryWhenIdle();
}
