/**
 * The colour theme the user chose, kept in a cookie so the root layout can
 * render the right class on <html> (no flash, no inline script for the CSP
 * to refuse) and every page and every reload shows the same theme.
 */

export type ThemeChoice = 'light' | 'dark';

export const THEME_COOKIE = 'egress-lens-theme';
/** A year: a preference, not a session. */
const MAX_AGE_SECONDS = 365 * 86400;

/** The theme a cookie value names, or null (follow the system). */
export function parseThemeCookie(value: string | undefined | null): ThemeChoice | null {
  return value === 'light' || value === 'dark' ? value : null;
}

/** The Set-Cookie text for a choice (document.cookie). */
export function themeCookie(theme: ThemeChoice): string {
  return `${THEME_COOKIE}=${theme}; Path=/; Max-Age=${MAX_AGE_SECONDS}; SameSite=Lax`;
}

/** The class of <html>: dark or light when chosen; none follows the system (globals.css). */
export function themeClass(theme: ThemeChoice | null): string | undefined {
  return theme ?? undefined;
}
