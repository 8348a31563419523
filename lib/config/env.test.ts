import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SIGN_IN_VARIABLES } from '../auth/trusted-proxy';
import { CONFIG_VARIABLES, ConfigError, loadConfig } from './env';

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return [...(e as ConfigError).problems];
  }
  return [];
}

describe('loadConfig', () => {
  it('needs only PROMETHEUS_URL and applies defaults', () => {
    const c = loadConfig({ PROMETHEUS_URL: 'http://prometheus:9090/' });
    expect(c.prometheus.url).toBe('http://prometheus:9090');
    expect(c.prometheus.timeoutMs).toBe(30_000);
    expect(c.prometheus.headers).toEqual({});
    expect(c.prometheus.bearerToken).toBeUndefined();
    expect(c.egressGatewayWorkloads).toBe('istio-egressgateway.*');
    expect(c.topHostsPerStatus).toBe(100);
    expect(c.cacheTtlMs).toBe(5000);
  });

  it('keeps a path prefix (Mimir, Thanos behind a proxy)', () => {
    expect(loadConfig({ PROMETHEUS_URL: 'https://mimir.example/prometheus' }).prometheus.url).toBe('https://mimir.example/prometheus');
  });

  it('lists every bad variable in one message', () => {
    let message = '';
    try {
      loadConfig({ PROMETHEUS_TIMEOUT_MS: 'soon', PROMETHEUS_HEADERS: 'X-Scope-OrgID: a', EGRESS_TOP_HOSTS: '0' });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('PROMETHEUS_URL');
    expect(message).toContain('PROMETHEUS_TIMEOUT_MS');
    expect(message).toContain('PROMETHEUS_HEADERS');
    expect(message).toContain('EGRESS_TOP_HOSTS');
  });

  it('rejects URLs that are not http(s) or carry credentials', () => {
    expect(problems({ PROMETHEUS_URL: 'ftp://x' })[0]).toMatch(/PROMETHEUS_URL/);
    expect(problems({ PROMETHEUS_URL: 'http://user:pw@x' })[0]).toMatch(/without credentials/);
    expect(problems({ PROMETHEUS_URL: 'not a url' })).toHaveLength(1);
  });

  it('reads extra headers as a JSON object (tenancy for Mimir, Cortex, Thanos, VictoriaMetrics)', () => {
    const c = loadConfig({ PROMETHEUS_URL: 'http://p', PROMETHEUS_HEADERS: '{"X-Scope-OrgID":"team-a"}' });
    expect(c.prometheus.headers).toEqual({ 'X-Scope-OrgID': 'team-a' });
  });

  it.each([
    ['[1]', /JSON object/],
    ['{"Authorization":"Bearer x"}', /auth variables/],
    ['{"Bad Header":"x"}', /not a valid header name/],
    ['{"X-A":"a\\nb"}', /single-line/],
    ['{"X-A":1}', /single-line string/],
  ])('rejects headers %s', (headers, re) => {
    expect(problems({ PROMETHEUS_URL: 'http://p', PROMETHEUS_HEADERS: headers }).join('\n')).toMatch(re);
  });

  it('supports a bearer token, or a token file re-read on use', () => {
    expect(loadConfig({ PROMETHEUS_URL: 'http://p', PROMETHEUS_BEARER_TOKEN: 'abc' }).prometheus.bearerToken?.()).toBe('abc');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'el-env-'));
    const file = path.join(dir, 'token');
    fs.writeFileSync(file, 'one\n');
    const c = loadConfig({ PROMETHEUS_URL: 'http://p', PROMETHEUS_BEARER_TOKEN_FILE: file });
    expect(c.prometheus.bearerToken?.()).toBe('one');
    fs.writeFileSync(file, 'two');
    expect(c.prometheus.bearerToken?.()).toBe('two');
    fs.rmSync(dir, { recursive: true });
  });

  it('rejects conflicting or incomplete auth', () => {
    expect(problems({ PROMETHEUS_URL: 'http://p', PROMETHEUS_BEARER_TOKEN: 'a', PROMETHEUS_BEARER_TOKEN_FILE: '/etc/hostname' }).join()).toMatch(/not both/);
    expect(problems({ PROMETHEUS_URL: 'http://p', PROMETHEUS_USERNAME: 'u' }).join()).toMatch(/go together/);
    expect(problems({ PROMETHEUS_URL: 'http://p', PROMETHEUS_USERNAME: 'u', PROMETHEUS_PASSWORD: 'p', PROMETHEUS_BEARER_TOKEN: 't' }).join()).toMatch(/not both/);
  });

  it('supports basic auth', () => {
    expect(loadConfig({ PROMETHEUS_URL: 'http://p', PROMETHEUS_USERNAME: 'u', PROMETHEUS_PASSWORD: 'p' }).prometheus.basicAuth).toEqual({ username: 'u', password: 'p' });
  });

  it('checks that referenced files can be read', () => {
    expect(problems({ PROMETHEUS_URL: 'http://p', PROMETHEUS_CA_FILE: '/nonexistent/ca.pem' }).join()).toMatch(/PROMETHEUS_CA_FILE: file cannot be read/);
    expect(problems({ PROMETHEUS_URL: 'http://p', PROMETHEUS_BEARER_TOKEN_FILE: '/nonexistent' }).join()).toMatch(/PROMETHEUS_BEARER_TOKEN_FILE/);
  });

  it('loads a CA bundle', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'el-env-'));
    const file = path.join(dir, 'ca.pem');
    fs.writeFileSync(file, '-----BEGIN CERTIFICATE-----\n');
    expect(loadConfig({ PROMETHEUS_URL: 'https://p', PROMETHEUS_CA_FILE: file }).prometheus.ca).toContain('BEGIN CERTIFICATE');
    fs.rmSync(dir, { recursive: true });
  });

  it('rejects an invalid gateway regex and out-of-range numbers', () => {
    expect(problems({ PROMETHEUS_URL: 'http://p', EGRESS_GATEWAY_WORKLOADS: '(' }).join()).toMatch(/EGRESS_GATEWAY_WORKLOADS/);
    expect(problems({ PROMETHEUS_URL: 'http://p', PROMETHEUS_TIMEOUT_MS: '1.5' }).join()).toMatch(/integer/);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PROMETHEUS_URL: 'http://p', PROMETHEUS_BEARER_TOKEN: '', PROMETHEUS_HEADERS: ' ' }).prometheus.bearerToken).toBeUndefined();
  });
});

describe('PROMETHEUS_PUBLIC_URL', () => {
  it('is optional, trimmed of trailing slashes, and must be an http(s) URL', () => {
    expect(loadConfig({ PROMETHEUS_URL: 'http://p' }).prometheusPublicUrl).toBeUndefined();
    expect(loadConfig({ PROMETHEUS_URL: 'http://p', PROMETHEUS_PUBLIC_URL: 'https://prom.example.com/' }).prometheusPublicUrl).toBe('https://prom.example.com');
    expect(problems({ PROMETHEUS_URL: 'http://p', PROMETHEUS_PUBLIC_URL: 'javascript:alert(1)' }).join()).toMatch(/PROMETHEUS_PUBLIC_URL/);
  });
});

describe('EGRESS_TCP_SNI_LABEL / EGRESS_TCP_ADDRESS_LABEL', () => {
  it('are optional label names', () => {
    expect(loadConfig({ PROMETHEUS_URL: 'http://p' }).tcpDestinationLabels).toBeUndefined();
    expect(loadConfig({ PROMETHEUS_URL: 'http://p', EGRESS_TCP_SNI_LABEL: 'destination_sni' }).tcpDestinationLabels).toEqual({ sni: 'destination_sni', address: undefined });
    expect(problems({ PROMETHEUS_URL: 'http://p', EGRESS_TCP_ADDRESS_LABEL: 'bad-label' }).join()).toMatch(/EGRESS_TCP_ADDRESS_LABEL/);
  });
});

describe('ISTIO_ROOT_NAMESPACE', () => {
  it('defaults to istio-system and takes another namespace name', () => {
    expect(loadConfig({ PROMETHEUS_URL: 'http://p' }).istioRootNamespace).toBe('istio-system');
    expect(loadConfig({ PROMETHEUS_URL: 'http://p', ISTIO_ROOT_NAMESPACE: ' ' }).istioRootNamespace).toBe('istio-system');
    expect(loadConfig({ PROMETHEUS_URL: 'http://p', ISTIO_ROOT_NAMESPACE: 'mesh-root' }).istioRootNamespace).toBe('mesh-root');
  });

  it('refuses a value that is not a namespace name', () => {
    for (const v of ['Istio_System', 'a'.repeat(64), '-x', 'istio-system/']) expect(problems({ PROMETHEUS_URL: 'http://p', ISTIO_ROOT_NAMESPACE: v }).join(), v).toMatch(/ISTIO_ROOT_NAMESPACE: must be a Kubernetes namespace name/);
  });
});

describe('CONFIG_VARIABLES', () => {
  it('with the sign-in variables, lists exactly the variables documented in .env.example', () => {
    const example = fs.readFileSync(path.join(__dirname, '..', '..', '.env.example'), 'utf8');
    const documented = [...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]);
    expect([...new Set(documented)].sort()).toEqual([...CONFIG_VARIABLES, ...SIGN_IN_VARIABLES].sort());
    expect(CONFIG_VARIABLES).toContain('PROMETHEUS_URL');
  });
});
