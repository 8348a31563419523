/**
 * The egress gateway bundle (facts §6): ServiceEntry (DNS) + Gateway +
 * DestinationRule for the gateway service with a subset + VirtualService
 * routing mesh traffic to the gateway and gateway traffic to the host.
 */
import type { DestinationRuleSpec, GatewaySpec, VirtualServiceSpec } from './istio-types';
import type { IssueList } from './issues';
import type { EntryPlan } from './plan';
import { isHttpFamily, isTlsFamily } from './protocols';
import { istioObject, routeRuleFields, visibleIn, type Annotations, type RouteRules } from './resources';
import type { GatewayOption, PromoteOptions } from './types';

export const DEFAULT_GATEWAY: GatewayOption = {
  namespace: 'istio-system',
  selector: { istio: 'egressgateway' },
  service: 'istio-egressgateway.istio-system.svc.cluster.local',
};

/** The gateway's own ports: the default egress gateway Service listens on 80 (HTTP) and 443 (TLS). */
const GATEWAY_HTTP_PORT = 80;
const GATEWAY_TLS_PORT = 443;

/**
 * Makes the ServiceEntry visible to the gateway's namespace: the gateway
 * itself connects to the host, so it must see the entry. An explicit exportTo
 * is kept, with a warning when it hides the entry from the gateway.
 */
export function exposeToGateway(plan: EntryPlan, gateway: GatewayOption, options: PromoteOptions, issues: IssueList): EntryPlan {
  if (visibleIn(plan, gateway.namespace)) return plan;
  if (options.exportTo) {
    issues
      .reporter(-1, 'ServiceEntry', plan.name)
      .warn(['spec', 'exportTo'], `the egress gateway in ${gateway.namespace} cannot see this ServiceEntry, so it cannot route to ${plan.hosts.join(', ')}: add ${gateway.namespace} to exportTo`);
    return plan;
  }
  const names = [...plan.exportTo.filter((e) => e !== '.'), gateway.namespace].sort();
  return { ...plan, exportTo: [...plan.exportTo.filter((e) => e === '.'), ...names] };
}

/** Gateway, DestinationRule and VirtualService sending a plan's host through the egress gateway; [] (with an issue) when it cannot. */
export function gatewayObjects(plan: EntryPlan, gateway: GatewayOption, rules: RouteRules | undefined, annotations: Annotations, issues: IssueList, notes: string[]): Record<string, unknown>[] {
  const host = plan.hosts[0] ?? '';
  const report = issues.reporter(-1, 'ServiceEntry', plan.name);
  if (plan.form !== 'named') {
    report.warn(
      ['spec', 'hosts', 0],
      plan.form === 'wildcard'
        ? `${host} is a wildcard: the gateway would need one real destination to forward to, so no gateway routing is generated; list the hosts to route them through the gateway`
        : `${host} is a TCP destination: routing plain TCP through the egress gateway needs a dedicated gateway port, so no gateway routing is generated`,
    );
    return [];
  }
  const http = plan.ports.find((p) => isHttpFamily(p.protocol));
  const tls = plan.ports.find((p) => isTlsFamily(p.protocol));
  const unrouted = plan.ports.filter((p) => p !== http && p !== tls);
  if (unrouted.length > 0) {
    report.warn(['spec', 'ports'], `only one HTTP and one TLS port go through the gateway (its ports ${GATEWAY_HTTP_PORT} and ${GATEWAY_TLS_PORT}): port ${unrouted.map((p) => p.number).join(', ')} of ${host} stays direct; register it separately if it must go through the gateway too`);
  }
  if (!http && !tls) return [];

  const gwName = `${plan.name}-egress`;
  const gwRef = `${plan.namespace}/${gwName}`;
  const subset = plan.name;
  const toGateway = (port: number): { destination: { host: string; subset: string; port: { number: number } } }[] => [{ destination: { host: gateway.service, subset, port: { number: port } } }];
  const toHost = (port: number): { destination: { host: string; port: { number: number } } }[] => [{ destination: { host, port: { number: port } } }];

  const gw: GatewaySpec = {
    selector: { ...gateway.selector },
    servers: [
      ...(http ? [{ port: { number: GATEWAY_HTTP_PORT, name: 'http', protocol: 'HTTP' }, hosts: [host] }] : []),
      ...(tls ? [{ port: { number: GATEWAY_TLS_PORT, name: 'tls', protocol: 'TLS' }, hosts: [host], tls: { mode: 'PASSTHROUGH' as const } }] : []),
    ],
  };
  const dr: DestinationRuleSpec = { host: gateway.service, subsets: [{ name: subset }], exportTo: [...plan.exportTo] };
  const vs: VirtualServiceSpec = {
    hosts: [host],
    gateways: ['mesh', gwRef],
    exportTo: [...plan.exportTo],
    ...(http
      ? {
          http: [
            { match: [{ gateways: ['mesh'], port: http.number }], route: toGateway(GATEWAY_HTTP_PORT) },
            { match: [{ gateways: [gwRef], port: GATEWAY_HTTP_PORT }], route: toHost(http.number), ...routeRuleFields(rules) },
          ],
        }
      : {}),
    ...(tls
      ? {
          tls: [
            { match: [{ gateways: ['mesh'], port: tls.number, sniHosts: [host] }], route: toGateway(GATEWAY_TLS_PORT) },
            { match: [{ gateways: [gwRef], port: GATEWAY_TLS_PORT, sniHosts: [host] }], route: toHost(tls.number) },
          ],
        }
      : {}),
  };
  if (rules && !http) notes.push(`Route rules are not generated for ${host}: it goes through the gateway over TLS, where requests are not visible.`);
  if (rules && http) notes.push(`The timeout and retries for ${host} apply on the gateway's route to ${host}.`);
  return [
    istioObject('Gateway', gwName, plan.namespace, annotations, gw),
    istioObject('DestinationRule', `${plan.name}-egressgateway`, plan.namespace, annotations, dr),
    istioObject('VirtualService', `${plan.name}-via-egressgateway`, plan.namespace, annotations, vs),
  ];
}
