'use client';

import { useCallback, useEffect, useState } from 'react';
import type { Theme } from '../graph/graph-styles';

const KEY = 'egress-lens-theme';

/** Light or dark, remembered per browser; defaults to the system preference. */
export function useTheme(): [Theme, (t: Theme) => void] {
  const [theme, setThemeState] = useState<Theme>('light');
  useEffect(() => {
    const stored = window.localStorage.getItem(KEY);
    const initial: Theme = stored === 'dark' || stored === 'light' ? stored : window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
    // Reading the browser's preference can only happen after hydration.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setThemeState(initial);
  }, []);
  useEffect(() => {
    document.documentElement.classList.toggle('dark', theme === 'dark');
  }, [theme]);
  const setTheme = useCallback((t: Theme) => {
    window.localStorage.setItem(KEY, t);
    setThemeState(t);
  }, []);
  return [theme, setTheme];
}
