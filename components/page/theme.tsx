'use client';

import { createContext, useCallback, useContext, useEffect, useMemo, useState, useSyncExternalStore, type ReactNode } from 'react';
import { themeCookie, type ThemeChoice } from '@/lib/view/theme';
import type { Theme } from '../graph/graph-styles';

/** Where the graph page kept the theme before it lived in a cookie. */
const OLD_STORAGE_KEY = 'egress-lens-theme';
const DARK_QUERY = '(prefers-color-scheme: dark)';

interface ThemeState {
  /** The theme shown: the user's choice, else the system's. */
  readonly theme: Theme;
  readonly setTheme: (t: ThemeChoice) => void;
}

const ThemeContext = createContext<ThemeState>({ theme: 'light', setTheme: () => undefined });

function subscribeToSystem(onChange: () => void): () => void {
  const media = window.matchMedia?.(DARK_QUERY);
  media?.addEventListener('change', onChange);
  return () => media?.removeEventListener('change', onChange);
}

/**
 * The theme of every page. The root layout renders the cookie's choice as the
 * class of <html>, so the first paint is right; a toggle writes the cookie and
 * the class at once, so other pages and reloads keep it.
 */
export function ThemeProvider({ initial, children }: { initial: ThemeChoice | null; children: ReactNode }) {
  const [choice, setChoice] = useState<ThemeChoice | null>(initial);
  const systemDark = useSyncExternalStore(
    subscribeToSystem,
    () => window.matchMedia?.(DARK_QUERY).matches ?? false,
    () => false,
  );
  const setTheme = useCallback((t: ThemeChoice) => {
    document.cookie = themeCookie(t);
    const html = document.documentElement;
    html.classList.toggle('dark', t === 'dark');
    html.classList.toggle('light', t === 'light');
    setChoice(t);
  }, []);
  useEffect(() => {
    // A choice made before the theme lived in a cookie: keep it, once.
    const old = initial === null ? window.localStorage.getItem(OLD_STORAGE_KEY) : null;
    window.localStorage.removeItem(OLD_STORAGE_KEY);
    // Reading the browser's storage can only happen after hydration.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    if (old === 'dark' || old === 'light') setTheme(old);
  }, [initial, setTheme]);
  const value = useMemo(() => ({ theme: choice ?? (systemDark ? 'dark' : 'light'), setTheme }), [choice, systemDark, setTheme]);
  return <ThemeContext.Provider value={value}>{children}</ThemeContext.Provider>;
}

/** The theme shown (for what CSS cannot style: the graph canvas, charts). */
export function useTheme(): Theme {
  return useContext(ThemeContext).theme;
}

/** The theme switch of the app header; it names the theme it switches to. */
export function ThemeToggle() {
  const { theme, setTheme } = useContext(ThemeContext);
  const next = theme === 'dark' ? 'light' : 'dark';
  return (
    <button
      type="button"
      className="rounded border border-slate-300 px-2 py-0.5 text-sm whitespace-nowrap hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
      aria-label={`${next === 'dark' ? 'Dark' : 'Light'} theme`}
      onClick={() => setTheme(next)}
    >
      <span aria-hidden="true">{next === 'dark' ? '☾' : '☀'}</span>
      <span className="ml-1 hidden sm:inline">{next === 'dark' ? 'Dark' : 'Light'}</span>
    </button>
  );
}
