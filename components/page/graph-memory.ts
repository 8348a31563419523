'use client';

import { useSyncExternalStore } from 'react';

/** The graph's last query string in this tab, so the way back restores its filters and selection. */
const KEY = 'egress-lens:graph-query';
const EVENT = 'egress-lens:graph-query';

/** Keeps the graph's query string for this tab (sessionStorage: gone with the tab, shared by none). */
export function rememberGraphQuery(query: string): void {
  try {
    if (window.sessionStorage.getItem(KEY) === query) return;
    window.sessionStorage.setItem(KEY, query);
  } catch {
    // Storage off (private mode, quota): the way back then keeps only the range.
    return;
  }
  window.dispatchEvent(new Event(EVENT));
}

function read(): string | null {
  try {
    return window.sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener(EVENT, onChange);
  return () => window.removeEventListener(EVENT, onChange);
}

/** The graph's last query string in this tab, or null (never opened, or on the server). */
export function useLastGraphQuery(): string | null {
  return useSyncExternalStore(subscribe, read, () => null);
}
