import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDemoPort, parseHistoryHours } from './demo-run';

describe('parseDemoPort (PORT=3100 npm run demo)', () => {
  it('reads back every TCP port, with or without surrounding blanks', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 65535 }), fc.constantFrom('', ' ', '\t'), (port, pad) => {
        expect(parseDemoPort(`${pad}${port}${pad}`)).toBe(port);
      }),
    );
  });

  it('leaves the choice to the demo when unset or empty', () => {
    expect(parseDemoPort(undefined)).toBeUndefined();
    expect(parseDemoPort('')).toBeUndefined();
    expect(parseDemoPort('  ')).toBeUndefined();
  });

  it('refuses anything else with a message naming PORT, never falling back silently', () => {
    for (const bad of ['0', '65536', '-1', '3000.5', '3e3', '0x50', 'abc', '30 00']) {
      expect(() => parseDemoPort(bad), bad).toThrow(/^PORT must be a TCP port between 1 and 65535, got "/);
    }
    fc.assert(
      fc.property(fc.string(), (s) => {
        try {
          const port = parseDemoPort(s);
          expect(port === undefined || (Number.isInteger(port) && port >= 1 && port <= 65535)).toBe(true);
        } catch (err) {
          expect((err as Error).message).toMatch(/^PORT must be/);
        }
      }),
    );
  });
});

describe('parseHistoryHours (DEMO_HISTORY_HOURS)', () => {
  it('is six hours by default and reads back any duration up to a week', () => {
    expect(parseHistoryHours(undefined)).toBe(6);
    expect(parseHistoryHours('')).toBe(6);
    expect(parseHistoryHours('0.5')).toBe(0.5);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 168 }), (hours) => {
        expect(parseHistoryHours(String(hours))).toBe(hours);
      }),
    );
  });

  it('refuses zero, more than a week and non-numbers, naming the variable', () => {
    for (const bad of ['0', '169', '-1', 'six', '1h']) {
      expect(() => parseHistoryHours(bad), bad).toThrow(/^DEMO_HISTORY_HOURS must be/);
    }
  });
});
