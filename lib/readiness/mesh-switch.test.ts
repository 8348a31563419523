import { parse, parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseAndValidateYaml } from '../resources';
import { meshWideSwitch } from './mesh-switch';
import { telemetryForTcpDestinations } from './telemetry';

describe('meshWideSwitch', () => {
  it('offers meshConfig outboundTrafficPolicy.mode REGISTRY_ONLY as an IstioOperator overlay and as istiod chart values, both marked mesh-wide', () => {
    const s = meshWideSwitch('istio-system');
    expect(parse(s.istioOperator)).toEqual({ apiVersion: 'install.istio.io/v1alpha1', kind: 'IstioOperator', spec: { meshConfig: { outboundTrafficPolicy: { mode: 'REGISTRY_ONLY' } } } });
    expect(parse(s.helmValues)).toEqual({ meshConfig: { outboundTrafficPolicy: { mode: 'REGISTRY_ONLY' } } });
    expect(s.istioOperator).toMatch(/^# Mesh-wide/);
    expect(s.helmValues).toMatch(/Mesh-wide\./);
    expect(s.istioctlFlag).toMatch(/--set meshConfig\.outboundTrafficPolicy\.mode=REGISTRY_ONLY$/);
  });

  it('gives the root-namespace Sidecar for what it is: mesh-wide, valid, keeping every service visible', () => {
    const s = meshWideSwitch('mesh-root');
    expect(s.rootSidecar).toMatch(/^# MESH-WIDE: .*root namespace \(mesh-root\)/);
    expect(parseAllDocuments(s.rootSidecar)).toHaveLength(1);
    const { objects, validation } = parseAndValidateYaml(s.rootSidecar);
    expect(validation.errors).toEqual([]);
    expect(objects).toEqual([
      { apiVersion: 'networking.istio.io/v1', kind: 'Sidecar', metadata: { name: 'default', namespace: 'mesh-root' }, spec: { outboundTrafficPolicy: { mode: 'REGISTRY_ONLY' }, egress: [{ hosts: ['*/*'] }] } },
    ]);
  });
});

describe('telemetryForTcpDestinations with a root namespace other than istio-system', () => {
  it('goes to the root namespace by default and calls that mesh-wide; another namespace is that namespace only', () => {
    const root = telemetryForTcpDestinations({ rootNamespace: 'mesh-root' });
    expect(parse(root.yaml)).toMatchObject({ metadata: { namespace: 'mesh-root' } });
    expect(root.warning).toMatch(/every sidecar in the mesh/);
    expect(telemetryForTcpDestinations({ rootNamespace: 'mesh-root', namespace: 'istio-system' }).warning).toMatch(/every sidecar in namespace istio-system/);
  });
});
