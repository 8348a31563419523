/**
 * Rules for the ambient egress objects (./ambient.ts) that their schemas miss:
 * the CEL rules of AuthorizationPolicy (not evaluated by the CRD validator)
 * and the waypoint Gateway, whose Gateway API schema is not vendored here.
 */
import { USE_WAYPOINT_LABEL, WAYPOINT_CLASS, WAYPOINT_FOR_LABEL, WAYPOINT_PORT } from './ambient';
import { asArray, asRecord, asString, checkKnownFields, type Reporter } from './issues';
import { isDns1123Label, quote } from './names';

const AP_FIELDS = ['action', 'provider', 'rules', 'selector', 'targetRef', 'targetRefs'];
const GATEWAY_SPEC_FIELDS = ['gatewayClassName', 'listeners', 'addresses', 'infrastructure', 'backendTLS', 'allowedListeners', 'defaultScope', 'tls'];
const LISTENER_FIELDS = ['name', 'hostname', 'port', 'protocol', 'tls', 'allowedRoutes'];
const WAYPOINT_FOR = ['service', 'workload', 'all', 'none'];

/** AuthorizationPolicy: one of selector / targetRef / targetRefs (CEL), no cross-namespace target, a Gateway target from the Gateway API group. */
export function checkAuthorizationPolicySpec(value: unknown, r: Reporter): void {
  const spec = asRecord(value);
  if (!spec) return;
  checkKnownFields(spec, AP_FIELDS, ['spec'], r);
  const set = ['selector', 'targetRef', 'targetRefs'].filter((k) => spec[k] !== undefined && spec[k] !== null);
  if (set.length > 1) r.error(['spec', set[1] ?? ''], `only one of selector, targetRef and targetRefs may be set (${set.join(', ')} are): keep targetRefs to bind the policy to a waypoint`);
  asArray(spec.targetRefs).forEach((t, i) => {
    const ref = asRecord(t);
    if (asString(ref?.namespace)) r.error(['spec', 'targetRefs', i, 'namespace'], 'cross-namespace targets are not supported: put the policy in the namespace of what it targets and remove namespace');
    if (asString(ref?.kind) === 'Gateway' && asString(ref?.group) !== 'gateway.networking.k8s.io') {
      r.error(['spec', 'targetRefs', i, 'group'], 'a waypoint is a Gateway of group gateway.networking.k8s.io: set group to it');
    }
  });
  if (asString(spec.action) === 'ALLOW' && asArray(spec.rules).length === 0) {
    r.warn(['spec', 'rules'], 'an ALLOW policy without rules allows nothing: every request through its target is denied; add rules naming what to allow');
  }
}

/** Gateway API Gateway (gateway.networking.k8s.io/v1), as an egress waypoint: class istio-waypoint, an HBONE listener on 15008, waypoint-for service. */
export function checkWaypointGateway(obj: Record<string, unknown>, r: Reporter): void {
  const spec = asRecord(obj.spec);
  if (!spec) {
    r.error(['spec'], 'is required: add spec with gatewayClassName and listeners');
    return;
  }
  checkKnownFields(spec, GATEWAY_SPEC_FIELDS, ['spec'], r);
  const cls = spec.gatewayClassName;
  if (typeof cls !== 'string' || cls === '') r.error(['spec', 'gatewayClassName'], `is required: set it to ${WAYPOINT_CLASS} for a waypoint`);
  else if (cls !== WAYPOINT_CLASS) r.warn(['spec', 'gatewayClassName'], `${quote(cls)} is not ${WAYPOINT_CLASS}: this Gateway is not a waypoint, and ServiceEntries labelled ${USE_WAYPOINT_LABEL} cannot use it`);
  const listeners = asArray(spec.listeners);
  if (!Array.isArray(spec.listeners) || listeners.length === 0) r.error(['spec', 'listeners'], `is required: add {name: mesh, port: ${WAYPOINT_PORT}, protocol: HBONE}`);
  if (listeners.length > 64) r.error(['spec', 'listeners'], 'has too many entries: keep at most 64');
  const names = new Set<string>();
  listeners.forEach((l, i) => {
    const listener = asRecord(l);
    if (!listener) {
      r.error(['spec', 'listeners', i], 'must be an object with name, port and protocol');
      return;
    }
    checkKnownFields(listener, LISTENER_FIELDS, ['spec', 'listeners', i], r);
    const name = asString(listener.name);
    if (name === undefined || !isDns1123Label(name)) r.error(['spec', 'listeners', i, 'name'], `${name === undefined ? 'is required' : `${quote(name)} is not a DNS-1123 label`}: use lower-case letters, digits or '-'`);
    else if (names.has(name)) r.error(['spec', 'listeners', i, 'name'], `${quote(name)} is defined twice: listener names must be unique`);
    if (name !== undefined) names.add(name);
    const port = listener.port;
    if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) r.error(['spec', 'listeners', i, 'port'], 'must be an integer from 1 to 65535');
    if (typeof listener.protocol !== 'string' || listener.protocol === '') r.error(['spec', 'listeners', i, 'protocol'], 'is required: HBONE for a waypoint');
  });
  if (cls === WAYPOINT_CLASS && !listeners.some((l) => asRecord(l)?.port === WAYPOINT_PORT && asRecord(l)?.protocol === 'HBONE')) {
    r.error(['spec', 'listeners'], `a waypoint needs an HBONE listener on ${WAYPOINT_PORT}: add {name: mesh, port: ${WAYPOINT_PORT}, protocol: HBONE}`);
  }
  const waypointFor = asString(asRecord(asRecord(obj.metadata)?.labels)?.[WAYPOINT_FOR_LABEL]);
  if (cls === WAYPOINT_CLASS) {
    if (waypointFor !== undefined && !WAYPOINT_FOR.includes(waypointFor)) {
      r.error(['metadata', 'labels', WAYPOINT_FOR_LABEL], `${quote(waypointFor)} is not one of ${WAYPOINT_FOR.join(', ')}`);
    } else if (waypointFor === 'workload' || waypointFor === 'none') {
      r.warn(['metadata', 'labels', WAYPOINT_FOR_LABEL], `ServiceEntry traffic goes only through a waypoint for service traffic (the default): set ${WAYPOINT_FOR_LABEL}: service`);
    }
  }
}
