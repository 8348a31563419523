import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bundleFileName, MAX_FILE_NAME } from './file-name';

const SAFE = /^[a-z0-9][a-z0-9.-]*\.yaml$/;

describe('bundleFileName', () => {
  it('names one host, or the count, the first host and how many more', () => {
    expect(bundleFileName(['pastebin.com'])).toBe('serviceentry-pastebin.com.yaml');
    expect(bundleFileName(['api.github.com', 'codeload.github.com', 'objects.githubusercontent.com'])).toBe('serviceentries-3-hosts-api.github.com-and-2-more.yaml');
    expect(bundleFileName(['*.googleapis.com', 'pypi.org'])).toBe('serviceentries-2-hosts-wildcard.googleapis.com-and-1-more.yaml');
    expect(bundleFileName([])).toBe('serviceentries.yaml');
    expect(bundleFileName(['pastebin.com', 'pastebin.com'])).toBe('serviceentry-pastebin.com.yaml');
  });

  it('hostile hosts become safe names: no path, no markup, no dot file', () => {
    expect(bundleFileName(['../../etc/passwd'])).toBe('serviceentry-etc-passwd.yaml');
    expect(bundleFileName(['<img src=x onerror=alert(1)>.evil.test'])).toBe('serviceentry-img-src-x-onerror-alert-1-.evil.test.yaml');
    expect(bundleFileName(['\u202e\u0000'])).toBe('serviceentry-host.yaml');
  });

  it('is always a safe, bounded file name that mentions how many hosts it covers', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 300 }), { maxLength: 60 }), (hosts) => {
        const name = bundleFileName(hosts);
        const n = new Set(hosts).size;
        expect(name).toMatch(SAFE);
        expect(name).not.toContain('..');
        expect(name.length).toBeLessThanOrEqual(MAX_FILE_NAME);
        if (n === 0) expect(name).toBe('serviceentries.yaml');
        else if (n === 1) expect(name).toMatch(/^serviceentry-/);
        else expect(name).toMatch(new RegExp(`^serviceentries-${n}-hosts-.*-and-${n - 1}-more\\.yaml$`));
      }),
    );
  });

  it('keeps a plain host whole when it fits', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,20}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?){0,2}$/), (host) => {
        expect(bundleFileName([host])).toBe(`serviceentry-${host}.yaml`);
      }),
    );
  });
});
