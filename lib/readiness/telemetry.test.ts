import { parse, parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { crdSchemaErrors } from '../resources/crd-validator';
import { telemetryForTcpDestinations, validateTelemetry } from './telemetry';

const TCP_METRICS = ['TCP_OPENED_CONNECTIONS', 'TCP_CLOSED_CONNECTIONS', 'TCP_SENT_BYTES', 'TCP_RECEIVED_BYTES'];

interface Override {
  match: { metric: string; mode: string };
  tagOverrides: Record<string, { operation?: string; value: string }>;
}
const overridesOf = (o: Record<string, unknown>): Override[] => (o.spec as { metrics: { overrides: Override[] }[] }).metrics.flatMap((m) => m.overrides);

describe('telemetryForTcpDestinations', () => {
  it('is a mesh-wide telemetry.istio.io/v1 Telemetry adding the SNI and upstream address to the client TCP metrics', () => {
    const { object } = telemetryForTcpDestinations();
    expect(object).toMatchObject({ apiVersion: 'telemetry.istio.io/v1', kind: 'Telemetry', metadata: { name: 'egress-lens-tcp-destinations', namespace: 'istio-system' } });
    expect((object.spec as { metrics: { providers: unknown }[] }).metrics[0]?.providers).toEqual([{ name: 'prometheus' }]);
    const overrides = overridesOf(object);
    expect(overrides.map((o) => o.match)).toEqual(TCP_METRICS.map((metric) => ({ metric, mode: 'CLIENT' })));
    for (const o of overrides) {
      expect(Object.keys(o.tagOverrides)).toEqual(['destination_sni', 'destination_address']);
      expect(o.tagOverrides.destination_sni?.value).toContain('connection.requested_server_name');
      expect(o.tagOverrides.destination_address?.value).toContain('upstream.address');
      // Only the catch-all clusters get a value: in-mesh TCP keeps its series.
      expect(o.tagOverrides.destination_sni?.value).toMatch(/^xds\.cluster_name in \['PassthroughCluster', 'BlackHoleCluster'\] \? .+ : 'unknown'$/);
    }
  });

  it('takes the namespace, label names and the plain attributes as options', () => {
    const { object, warning } = telemetryForTcpDestinations({ namespace: 'shop', sniLabel: 'tls_sni', addressLabel: 'upstream_addr', onlyUnregistered: false });
    expect((object.metadata as { namespace: string }).namespace).toBe('shop');
    for (const o of overridesOf(object)) {
      expect(o.tagOverrides).toEqual({ tls_sni: { operation: 'UPSERT', value: 'connection.requested_server_name' }, upstream_addr: { operation: 'UPSERT', value: 'upstream.address' } });
    }
    expect(warning).toMatch(/namespace shop/);
    expect(warning).toMatch(/including in-mesh TCP/);
  });

  it('validates against the Telemetry CRD schema and round-trips through YAML', () => {
    const { object, yaml } = telemetryForTcpDestinations();
    expect(validateTelemetry(object)).toEqual([]);
    expect(crdSchemaErrors('Telemetry', object)).toEqual([]);
    expect(parseAllDocuments(yaml)).toHaveLength(1);
    expect(parse(yaml)).toEqual(object);
    expect(yaml).toMatch(/^# .*\n# .*\[unverified per version\]/);
  });

  it('warns about cardinality and the Prometheus labels', () => {
    const { warning } = telemetryForTcpDestinations();
    expect(warning).toMatch(/istio\/istio#35066/);
    expect(warning).toMatch(/every distinct SNI and every distinct upstream IP:port/i);
    expect(warning).toMatch(/Prometheus must keep the new labels.*destination_sni and destination_address/);
    expect(warning).toMatch(/every sidecar in the mesh/);
  });

  it('refuses label names Prometheus or Istio cannot take, and a bad namespace', () => {
    expect(() => telemetryForTcpDestinations({ sniLabel: 'destination_service' })).toThrow(/standard Istio label/);
    expect(() => telemetryForTcpDestinations({ addressLabel: '1abc' })).toThrow(/not a Prometheus label name/);
    expect(() => telemetryForTcpDestinations({ sniLabel: '__sni' })).toThrow(/not a Prometheus label name/);
    expect(() => telemetryForTcpDestinations({ sniLabel: 'x', addressLabel: 'x' })).toThrow(/two names/);
    expect(() => telemetryForTcpDestinations({ namespace: 'Bad_NS' })).toThrow(/namespace/);
  });

  it('reports schema errors of edited objects', () => {
    const { object } = telemetryForTcpDestinations();
    const broken = { ...object, spec: { metrics: [{ overrides: [{ match: { metric: 'TCP_OPENED', mode: 'CLIENT' } }] }] } };
    expect(validateTelemetry(broken).join('\n')).toMatch(/CRD schema/);
  });
});
