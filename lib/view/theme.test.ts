import { describe, expect, it } from 'vitest';
import { parseThemeCookie, THEME_COOKIE, themeClass, themeCookie } from './theme';

describe('the theme cookie', () => {
  it('reads back the choice it writes, for a year, on every page', () => {
    for (const t of ['light', 'dark'] as const) {
      const cookie = themeCookie(t);
      expect(cookie).toMatch(new RegExp(`^${THEME_COOKIE}=${t}; Path=/; Max-Age=31536000; SameSite=Lax$`));
      expect(parseThemeCookie(cookie.split(';')[0]!.split('=')[1])).toBe(t);
      expect(themeClass(t)).toBe(t);
    }
  });

  it('follows the system for anything else', () => {
    for (const v of [undefined, null, '', 'DARK', 'blue', 'dark; x=1']) expect(parseThemeCookie(v)).toBeNull();
    expect(themeClass(null)).toBeUndefined();
  });
});
