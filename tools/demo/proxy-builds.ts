/** istio_build gauges: one per proxy pod, the evidence ISTIO_OUTBOUND_MODE=auto reads (lib/egress/outbound-mode.ts). */
import { DEMO_INSTANCE, DEMO_JOB } from './labels';
import type { DemoSeries } from './types';
import { DEMO_AMBIENT_VERSION, DEMO_WORKLOADS, ZTUNNEL_PODS } from './workloads';

/** A gauge that is 1 from `from` on, like istio_build. */
export class ConstantGauge implements DemoSeries {
  readonly type = 'gauge';
  constructor(
    readonly name: string,
    readonly labels: Readonly<Record<string, string>>,
    private readonly from: number,
  ) {}

  existsAt(t: number): boolean {
    return t >= this.from;
  }

  valueAt(): number {
    return 1;
  }
}

/** The metric Istio's mesh dashboard reads proxy versions from. */
export const ISTIO_BUILD = 'istio_build';

/**
 * `istio_build{component="proxy", tag}` for every sidecar, gateway and
 * waypoint pod of the small mesh, and `component="ztunnel"` for ztunnel's
 * pods (which the proxy-version query must not read).
 */
export function proxyBuildSeries(origin: number): DemoSeries[] {
  const out: DemoSeries[] = [];
  const gauge = (component: string, tag: string, pod: string, namespace: string): ConstantGauge =>
    new ConstantGauge(ISTIO_BUILD, { component, tag, pod, namespace, job: DEMO_JOB, instance: DEMO_INSTANCE }, origin);
  for (const w of DEMO_WORKLOADS) {
    if (w.proxyVersion === undefined) continue;
    for (const pod of w.pods) out.push(gauge('proxy', w.proxyVersion, pod, w.namespace));
  }
  for (const pod of ZTUNNEL_PODS) out.push(gauge('ztunnel', DEMO_AMBIENT_VERSION, pod, 'istio-system'));
  return out;
}
