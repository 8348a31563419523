/**
 * The mesh-wide switch to REGISTRY_ONLY, offered as what it is (facts §4):
 * meshConfig `outboundTrafficPolicy.mode`, or a Sidecar `default` without
 * workloadSelector in the root namespace, which Istio makes the default of
 * every namespace that has no Sidecar of its own.
 */
import { toYaml } from '../resources';
import { KEEP_EVERY_SERVICE } from './sidecar';

export interface MeshWideSwitch {
  readonly rootNamespace: string;
  /** IstioOperator overlay (istioctl install -f). */
  readonly istioOperator: string;
  /** Values of the istiod Helm chart. */
  readonly helmValues: string;
  /** The same as an istioctl flag, added to the flags Istio was installed with (Istio's egress task does the same). */
  readonly istioctlFlag: string;
  /** The root-namespace Sidecar, with a comment saying that it is mesh-wide. */
  readonly rootSidecar: string;
}

const MODE = { outboundTrafficPolicy: { mode: 'REGISTRY_ONLY' } } as const;

/** The meshConfig change (preferred) and the equivalent root-namespace Sidecar, for `rootNamespace` (ISTIO_ROOT_NAMESPACE). */
export function meshWideSwitch(rootNamespace: string): MeshWideSwitch {
  const istioOperator = [
    '# Mesh-wide: every sidecar whose Sidecar resource sets no outboundTrafficPolicy of its own.',
    '# Apply with: istioctl install -f <this file> (merge into your existing IstioOperator).',
    toYaml([{ apiVersion: 'install.istio.io/v1alpha1', kind: 'IstioOperator', spec: { meshConfig: MODE } }]),
  ].join('\n');
  const helmValues = [
    `# istiod chart values (helm upgrade istiod istio/istiod -n ${rootNamespace} --reuse-values -f <this file>). Mesh-wide.`,
    toYaml([{ meshConfig: MODE }]),
  ].join('\n');
  const sidecar = { apiVersion: 'networking.istio.io/v1', kind: 'Sidecar', metadata: { name: 'default', namespace: rootNamespace }, spec: { ...MODE, egress: [{ hosts: [KEEP_EVERY_SERVICE] }] } };
  const rootSidecar = [
    `# MESH-WIDE: a Sidecar without workloadSelector in the root namespace (${rootNamespace}) is the default`,
    '# of every namespace that has no Sidecar of its own: this switches all of them at once.',
    `# Its egress hosts become their default too: "${KEEP_EVERY_SERVICE}" keeps every service visible.`,
    toYaml([sidecar]),
  ].join('\n');
  return { rootNamespace, istioOperator, helmValues, istioctlFlag: 'istioctl install <the flags Istio was installed with> --set meshConfig.outboundTrafficPolicy.mode=REGISTRY_ONLY', rootSidecar };
}
