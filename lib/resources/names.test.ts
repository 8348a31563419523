import { describe, expect, it } from 'vitest';
import { COMPANION_SETS, suggestCompanions } from './companions';
import { registrableDomain } from './domains';
import { checkHost, hostCovers, isDns1123Label, promotableHost, quote, serviceEntryName } from './names';
import { isCidr, isIp, isIpv6, singleIp, syntheticHost, toCidr } from './net';
import { defaultPortName } from './protocols';

describe('serviceEntryName', () => {
  it('maps hosts to DNS-1123 names, * to "wildcard"', () => {
    expect(serviceEntryName('httpbin.org')).toBe('httpbin-org');
    expect(serviceEntryName('*.googleapis.com')).toBe('wildcard-googleapis-com');
    expect(serviceEntryName('API.Example.COM')).toBe('api-example-com');
    expect(serviceEntryName('xn--bcher-kva.example')).toBe('xn--bcher-kva-example');
  });

  it('removes hostile characters and adds a short hash, so names stay valid and distinct', () => {
    const name = serviceEntryName('<img src=x onerror=alert(1)>.evil.test');
    expect(name).toMatch(/^imgsrcxonerroralert1-evil-test-[0-9a-f]{8}$/);
    expect(isDns1123Label(name)).toBe(true);
    expect(serviceEntryName('a_b.com')).not.toBe(serviceEntryName('ab.com'));
    expect(isDns1123Label(serviceEntryName('"><'))).toBe(true);
  });

  it('truncates to 63 characters with a hash suffix', () => {
    const long = `${'a'.repeat(50)}.${'b'.repeat(50)}.example.com`;
    const name = serviceEntryName(long);
    expect(name.length).toBeLessThanOrEqual(63);
    expect(isDns1123Label(name)).toBe(true);
    expect(name).not.toBe(serviceEntryName(`${'a'.repeat(50)}.${'b'.repeat(50)}.example.org`));
  });
});

describe('registrableDomain', () => {
  it('is eTLD+1, with multi-label public suffixes', () => {
    expect(registrableDomain('api.github.com')).toBe('github.com');
    expect(registrableDomain('github.com')).toBe('github.com');
    expect(registrableDomain('www.bbc.co.uk')).toBe('bbc.co.uk');
    expect(registrableDomain('a.b.example.com.au')).toBe('example.com.au');
    expect(registrableDomain('user.github.io')).toBe('user.github.io');
    expect(registrableDomain('raw.githubusercontent.com')).toBe('raw.githubusercontent.com');
    expect(registrableDomain('*.googleapis.com')).toBe('googleapis.com');
    expect(registrableDomain('API.Example.com.')).toBe('example.com');
  });

  it('is null for IPs, single labels, bare public suffixes and invalid names', () => {
    for (const h of ['203.0.113.10', '2001:db8::1', 'localhost', 'co.uk', 'github.io', '<b>.evil.test', '']) expect(registrableDomain(h)).toBeNull();
  });
});

describe('checkHost', () => {
  it('accepts FQDNs, short names and leading wildcards', () => {
    for (const h of ['api.example.com', 'short', '*.example.com', 'a-b.c']) expect(checkHost(h)).toEqual({});
  });
  it('rejects *, IPs, bad labels and long names; warns on partial wildcards', () => {
    for (const h of ['*', '10.0.0.1', '[2001:db8::1]', 'a..b', '-a.com', 'a.1', 'a b.com', 'x'.repeat(256)]) expect(checkHost(h).error).toBeDefined();
    expect(checkHost('*foo.com').warning).toContain('partial wildcard');
  });
  it('hostCovers: *.x.com covers subdomains, not x.com', () => {
    expect(hostCovers('*.x.com', 'a.b.x.com')).toBe(true);
    expect(hostCovers('*.x.com', 'x.com')).toBe(false);
    expect(hostCovers('a.x.com', 'a.x.com')).toBe(true);
  });
});

describe('net', () => {
  it('IPs and CIDRs', () => {
    expect(['10.0.0.1', '::1', '::', '2001:db8::1', '::ffff:10.0.0.1', '1:2:3:4:5:6:7:8'].every(isIp)).toBe(true);
    expect(['10.0.0.256', '1:2:3:4:5:6:7:8:9', '1::2::3', 'example.com', '10.0.0', ':1'].some(isIp)).toBe(false);
    expect(isIpv6('fe80::1')).toBe(true);
    expect(isCidr('10.0.0.0/8')).toBe(true);
    expect(isCidr('10.0.0.0/33')).toBe(false);
    expect(isCidr('2001:db8::/129')).toBe(false);
    expect(singleIp('10.0.0.1/32')).toBe('10.0.0.1');
    expect(singleIp('10.0.0.0/24')).toBeNull();
    expect(toCidr('10.0.0.1')).toBe('10.0.0.1/32');
    expect(toCidr('::1')).toBe('::1/128');
  });
  it('synthetic hosts are valid DNS names', () => {
    expect(syntheticHost('203.0.113.10')).toBe('ip-203-0-113-10.external');
    expect(syntheticHost('::1')).toBe('ip-0--1.external');
    expect(syntheticHost('fe80::')).toBe('ip-fe80--0.external');
    expect(syntheticHost('10.0.0.0/24')).toBe('cidr-10-0-0-0-24.external');
    for (const a of ['::1', 'fe80::', '2001:db8::1', '10.1.0.0/16']) expect(checkHost(syntheticHost(a))).toEqual({});
  });
  it('port names', () => {
    expect(defaultPortName('HTTP', 80)).toBe('http');
    expect(defaultPortName('HTTP', 8080)).toBe('http-8080');
    expect(defaultPortName('TLS', 443)).toBe('tls');
    expect(defaultPortName('TCP', 443)).toBe('tcp-443');
    expect(defaultPortName('GRPC-Web', 8080)).toBe('grpc-web-8080');
    expect(defaultPortName('HTTP_PROXY', 3128)).toBe('http-proxy-3128');
  });
});

describe('suggestCompanions', () => {
  it('names the set and the missing hosts', () => {
    expect(suggestCompanions(['pypi.org'])).toEqual([
      { set: 'PyPI', reason: expect.stringContaining('files.pythonhosted.org is not') as unknown as string, hosts: ['pypi.org'], missing: ['files.pythonhosted.org'] },
    ]);
    expect(suggestCompanions(['github.com', 'raw.githubusercontent.com'])[0]).toMatchObject({ set: 'GitHub', missing: ['codeload.github.com', 'objects.githubusercontent.com'] });
  });
  it('leaves out complete and unrelated sets; a wildcard covers its subdomains', () => {
    expect(suggestCompanions(['pypi.org', 'files.pythonhosted.org', 'httpbin.org'])).toEqual([]);
    expect(suggestCompanions(['*.debian.org'])).toEqual([]);
    expect(suggestCompanions(['registry.npmjs.org'])).toEqual([]);
  });
  it('every set lists valid, distinct hosts', () => {
    for (const s of COMPANION_SETS) {
      expect(new Set(s.hosts).size).toBe(s.hosts.length);
      for (const h of s.hosts) expect(checkHost(h)).toEqual({});
    }
  });
});

describe('promotableHost', () => {
  it('registers DNS names (normalised) and wildcards by name, IPs in the TCP form', () => {
    expect(promotableHost('API.Example.com.')).toEqual({ kind: 'name', host: 'api.example.com' });
    expect(promotableHost('*.example.com')).toEqual({ kind: 'name', host: '*.example.com' });
    expect(promotableHost('203.0.113.10')).toEqual({ kind: 'ip', ip: '203.0.113.10' });
    expect(promotableHost('[2001:db8::1]')).toEqual({ kind: 'ip', ip: '2001:db8::1' });
  });

  it.each([
    ['<img src=x onerror=alert(1)>.evil.test', /is not a valid host name/],
    ['"q"-\'s\'-`b`.evil.test', /is not a valid host name/],
    ['tab\there-esc\u001b[31m.evil.test', /is not a valid host name/],
    ['invoice-\u202egnp.exe.evil.test', /is not a valid host name/],
    ['=hyperlink("http://x")', /is not a valid host name/],
    ['+1', /is not a valid host name/],
    ['-1+1', /is not a valid host name/],
    ['@sum(1)', /is not a valid host name/],
    [`${'a'.repeat(60)}.`.repeat(170) + 'evil.test', /is 10\d{3} characters long: a host name has at most 255/],
  ])('refuses %j with the reason, naming the value inertly', (host, reason) => {
    const p = promotableHost(host);
    expect(p.kind).toBe('refused');
    if (p.kind !== 'refused') return;
    expect(p.reason).toMatch(reason);
    expect(p.reason).toMatch(/^"/);
    expect(p.reason).toMatch(/cannot be registered as sent/);
    expect(p.reason).not.toMatch(/[\u0000-\u001f\u007f\u202e]/);
  });
});

describe('quote', () => {
  it('keeps control and bidi characters out of messages', () => {
    expect(quote('a\u0007\u202eb')).toBe('"a\\u0007\\u202eb"');
  });
});
