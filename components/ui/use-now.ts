'use client';

import { useEffect, useState } from 'react';

/** The current time in unix seconds, updated every `everyMs` (the latest end a picker allows, "now" in messages). */
export function useNowSeconds(everyMs = 30_000): number {
  const [now, setNow] = useState(() => Math.floor(Date.now() / 1000));
  useEffect(() => {
    const timer = setInterval(() => setNow(Math.floor(Date.now() / 1000)), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
