'use client';

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="mx-auto max-w-xl p-6">
      <h1 className="mb-2 text-lg font-semibold">Something went wrong</h1>
      <p className="mb-4 text-sm">{error.digest ? `Error ${error.digest}; see the server log.` : error.message}</p>
      <button type="button" className="rounded border px-3 py-1" onClick={reset}>
        Try again
      </button>
    </main>
  );
}
