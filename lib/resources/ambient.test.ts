import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { waypointLabels, waypointAuthorizationPolicy, waypointGateway, USE_WAYPOINT_LABEL, USE_WAYPOINT_NAMESPACE_LABEL } from './ambient';
import { at, expectRule } from '../../testing/serviceentry';
import { validateObjects } from './validate';

const WAYPOINT = { namespace: 'istio-egress', name: 'egress-waypoint' };
const gw = waypointGateway(WAYPOINT);
const ap = waypointAuthorizationPolicy({ name: 'api-example-com', waypoint: WAYPOINT, hosts: ['api.example.com'], sourceNamespaces: ['shop'] });
const withSpec = (o: Record<string, unknown>, spec: Record<string, unknown>) => ({ ...o, spec: { ...(o.spec as object), ...spec } });

describe('the ambient egress objects', () => {
  it('the waypoint Gateway and its AuthorizationPolicy validate, and the policy targets the Gateway', () => {
    expect(validateObjects([gw, ap])).toEqual({ errors: [], warnings: [] });
    expect(ap).toMatchObject({ apiVersion: 'security.istio.io/v1', metadata: { namespace: 'istio-egress' }, spec: { targetRefs: [{ kind: 'Gateway', group: 'gateway.networking.k8s.io', name: 'egress-waypoint' }], action: 'ALLOW' } });
    expect(gw).toMatchObject({ apiVersion: 'gateway.networking.k8s.io/v1', metadata: { labels: { 'istio.io/waypoint-for': 'service' } }, spec: { gatewayClassName: 'istio-waypoint' } });
  });

  it('a ServiceEntry beside its waypoint names it; one elsewhere names its namespace too', () => {
    expect(waypointLabels('istio-egress', WAYPOINT)).toEqual({ [USE_WAYPOINT_LABEL]: 'egress-waypoint' });
    expect(waypointLabels('shop', WAYPOINT)).toEqual({ [USE_WAYPOINT_LABEL]: 'egress-waypoint', [USE_WAYPOINT_NAMESPACE_LABEL]: 'istio-egress' });
  });

  it('every generated waypoint and policy validates, for any namespace, name and hosts', () => {
    const label = fc.stringMatching(/^[a-z]([a-z0-9-]{0,20}[a-z0-9])?$/);
    const host = fc.domain().filter((d) => d.length < 200);
    fc.assert(
      fc.property(label, label, fc.array(host, { minLength: 1, maxLength: 4 }), fc.array(label, { maxLength: 3 }), (namespace, name, hosts, sources) => {
        const waypoint = { namespace, name };
        const objs = [waypointGateway(waypoint), waypointAuthorizationPolicy({ name: `${name}-allow`, waypoint, hosts, sourceNamespaces: sources })];
        expect(validateObjects(objs).errors).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  it('a waypoint needs its class, an HBONE listener on 15008 and service traffic', () => {
    expectRule({ rule: 'class', valid: gw, invalid: withSpec(gw, { gatewayClassName: '' }), path: 'spec.gatewayClassName', says: /istio-waypoint/ });
    expectRule({ rule: 'hbone', valid: gw, invalid: withSpec(gw, { listeners: [{ name: 'mesh', port: 15008, protocol: 'HTTP' }] }), path: 'spec.listeners', says: /HBONE listener on 15008/ });
    expectRule({ rule: 'listeners', valid: gw, invalid: withSpec(gw, { listeners: [] }), path: 'spec.listeners', says: /is required/ });
    const forWorkloads = { ...gw, metadata: { name: 'w', namespace: 'istio-egress', labels: { 'istio.io/waypoint-for': 'workload' } } };
    expectRule({ rule: 'waypoint-for', valid: gw, invalid: forWorkloads, path: 'metadata.labels["istio.io/waypoint-for"]', says: /service/, warning: true });
  });

  it('an AuthorizationPolicy takes one of selector and targetRefs, and targets a waypoint by the Gateway API group', () => {
    expectRule({ rule: 'one-of', valid: ap, invalid: withSpec(ap, { selector: { matchLabels: { app: 'x' } } }), path: 'spec.targetRefs', says: /only one of selector/ });
    expectRule({ rule: 'group', valid: ap, invalid: withSpec(ap, { targetRefs: [{ group: 'networking.istio.io', kind: 'Gateway', name: 'egress-waypoint' }] }), path: 'spec.targetRefs[0].group', says: /gateway\.networking\.k8s\.io/ });
    expectRule({ rule: 'schema', valid: ap, invalid: withSpec(ap, { action: 'PERMIT' }), path: 'spec.action', says: /must be one of ALLOW, DENY/ });
  });

  it('an Istio Gateway with the Gateway API version is read as a waypoint, any other version of AuthorizationPolicy is refused', () => {
    const wrong = validateObjects([{ ...ap, apiVersion: 'networking.istio.io/v1' }]);
    expect(at(wrong.errors, 'apiVersion')[0]?.message).toMatch(/use security\.istio\.io\/v1/);
    expect(at(validateObjects([{ ...ap, apiVersion: 'security.istio.io/v1beta1' }]).warnings, 'apiVersion')).toHaveLength(1);
  });
});
