import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkConsistency, quantityBytes } from './consistency';
import { appRoutes, loadDeployContext } from './context';
import { loadManifests, validateSchemas, type ManifestSet } from './manifests';
import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import type { IConfigMap } from 'kubernetes-models/v1/ConfigMap';
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IPodSpec } from 'kubernetes-models/v1/PodSpec';
import type { ISecurityContext } from 'kubernetes-models/v1/SecurityContext';
import type { IService } from 'kubernetes-models/v1/Service';
import type { IServiceAccount } from 'kubernetes-models/v1/ServiceAccount';

const ROOT = path.resolve(__dirname, '..', '..');
const DIR = path.join(ROOT, 'deploy', 'kubernetes');
const set = loadManifests(DIR);
const ctx = loadDeployContext(ROOT);

type Kind = 'Deployment' | 'Service' | 'ConfigMap' | 'ServiceAccount' | 'Kustomization';
interface Kinds {
  Deployment: IDeployment;
  Service: IService;
  ConfigMap: IConfigMap;
  ServiceAccount: IServiceAccount;
  Kustomization: { resources: string[] };
}

/** A copy of the manifests with one object (by kind, or the kustomization) edited. */
function edited<K extends Kind>(kind: K, edit: (obj: Kinds[K]) => void): ManifestSet {
  const copy = structuredClone({ docs: set.docs, examples: set.examples, kustomization: set.kustomization });
  const target = kind === 'Kustomization' ? copy.kustomization : copy.docs.find((d) => d.obj.kind === kind)?.obj;
  if (!target) throw new Error(`no ${kind} in deploy/kubernetes`);
  edit(target as unknown as Kinds[K]);
  return { ...set, ...copy };
}

function first<T>(list: T[] | undefined): T {
  const item = list?.[0];
  if (item === undefined) throw new Error('expected a non-empty list');
  return item;
}
const podOf = (d: IDeployment): IPodSpec => d.spec?.template.spec ?? ({} as never);
const container = (d: IDeployment): IContainer => first(podOf(d).containers);
const securityOf = (d: IDeployment): ISecurityContext => container(d).securityContext ?? ({} as never);

describe('deploy/kubernetes', () => {
  it('parses', () => {
    expect(set.problems).toEqual([]);
    expect(set.docs.map((d) => d.obj.kind).sort()).toEqual(['ConfigMap', 'Deployment', 'Namespace', 'PodDisruptionBudget', 'Service', 'ServiceAccount']);
    expect(set.examples.map((d) => d.obj.kind)).toEqual(['Secret']);
  });

  it('every object passes its Kubernetes schema', () => {
    expect(validateSchemas([...set.docs, ...set.examples])).toEqual([]);
  });

  it('is consistent with itself, the image and the app, and locks the pod down', () => {
    expect(checkConsistency(set, ctx)).toEqual([]);
  });

  it('is checked against the real image and app', () => {
    expect(ctx.imageUser).toEqual({ uid: 65532, gid: 65532 });
    expect(ctx.imageEnv.PORT).toBe('3000');
    expect(ctx.routes).toEqual(expect.arrayContaining(['/api/health', '/api/livez', '/api/readyz', '/api/egress']));
    expect(ctx.configVariables).toEqual(expect.arrayContaining(['PROMETHEUS_URL', 'AUTH_PROXY_USER_HEADER']));
  });
});

describe('the schema check catches', () => {
  it('a wrong type, naming the file, object and field', () => {
    const broken = edited('Deployment', (d) => (first(container(d).ports).containerPort = '3000' as never));
    expect(validateSchemas(broken.docs)).toEqual(['deployment.yaml Deployment/egress-lens: schema: /spec/template/spec/containers/0/ports/0/containerPort must be integer']);
  });

  it('a missing required field', () => {
    const broken = edited('Deployment', (d) => delete (container(d) as Partial<IContainer>).name);
    expect(validateSchemas(broken.docs).join('\n')).toMatch(/containers\/0 must have required property name$/m);
  });

  it('a kind it has no model for', () => {
    const broken = edited('Service', (s) => Object.assign(s, { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress' }));
    expect(validateSchemas(broken.docs).join('\n')).toMatch(/service\.yaml Ingress\/egress-lens: unknown kind networking\.k8s\.io\/v1\/Ingress/);
  });
});

describe('the consistency check catches', () => {
  const cases: [string, () => ManifestSet, RegExp][] = [
    ['a Service selecting other pods', () => edited('Service', (s) => (s.spec = { ...s.spec, selector: { app: 'other' } })), /spec\.selector \{"app":"other"\} must match the pod labels/],
    ['a targetPort that is no containerPort', () => edited('Service', (s) => (first(s.spec?.ports).targetPort = 8080)), /targets 8080, which is no containerPort/],
    ['a containerPort the image does not listen on', () => edited('Deployment', (d) => (first(container(d).ports).containerPort = 8080)), /containerPort 8080 must be the image's PORT 3000/],
    ['a probe on a route that does not exist', () => edited('Deployment', (d) => (container(d).readinessProbe = { httpGet: { path: '/healthz', port: 'http' } })), /readinessProbe hits \/healthz, which no app\/\*\*\/route\.ts serves/],
    ['a probe that follows Prometheus', () => edited('Deployment', (d) => (container(d).readinessProbe = { httpGet: { path: '/api/health', port: 'http' } })), /readinessProbe hits \/api\/health, which depends on Prometheus/],
    ['a liveness probe on readiness', () => edited('Deployment', (d) => (container(d).livenessProbe = { httpGet: { path: '/api/readyz', port: 'http' } })), /livenessProbe must hit \/api\/livez/],
    ['a missing probe', () => edited('Deployment', (d) => delete container(d).startupProbe), /startupProbe must be an httpGet probe/],
    ['an unknown variable in the ConfigMap', () => edited('ConfigMap', (c) => (c.data = { ...c.data, PROMETHEUS_TIMEOUT: '1000' })), /configmap\.yaml ConfigMap\/egress-lens: PROMETHEUS_TIMEOUT is not a configuration variable/],
    ['an unknown variable in the Deployment', () => edited('Deployment', (d) => container(d).env?.push({ name: 'PROM_URL', value: 'x' })), /env PROM_URL is not a configuration variable/],
    ['a credential in the ConfigMap', () => edited('ConfigMap', (c) => (c.data = { ...c.data, PROMETHEUS_BEARER_TOKEN: 'abc' })), /PROMETHEUS_BEARER_TOKEN is a credential: put it in a Secret/],
    ['the sign-in secret in the ConfigMap', () => edited('ConfigMap', (c) => (c.data = { ...c.data, AUTH_PROXY_USER_HEADER: 'X-Forwarded-Email', AUTH_PROXY_SECRET: 'x'.repeat(20) })), /AUTH_PROXY_SECRET is a credential: put it in a Secret/],
    ['a literal credential in the Deployment', () => edited('Deployment', (d) => container(d).env?.push({ name: 'PROMETHEUS_PASSWORD', value: 'x' })), /PROMETHEUS_PASSWORD is a credential: take it from a Secret/],
    ['a value the app rejects', () => edited('ConfigMap', (c) => (c.data = { ...c.data, PROMETHEUS_URL: 'prometheus:9090' })), /the app rejects this configuration:[\s\S]*PROMETHEUS_URL: must be an http\(s\) URL/],
    ['a token file that is not mounted', () => edited('ConfigMap', (c) => (c.data = { ...c.data, PROMETHEUS_BEARER_TOKEN_FILE: '/etc/token' })), /PROMETHEUS_BEARER_TOKEN_FILE=\/etc\/token is not under any volumeMount/],
    ['a listen address other than the image', () => edited('Deployment', (d) => (first(container(d).env).value = '127.0.0.1')), /env HOSTNAME=127\.0\.0\.1 must equal the image's HOSTNAME=0\.0\.0\.0/],
    ['root', () => edited('Deployment', (d) => (podOf(d).securityContext = { ...podOf(d).securityContext, runAsNonRoot: false })), /runAsNonRoot: true/],
    ['uid 0', () => edited('Deployment', (d) => (securityOf(d).runAsUser = 0)), /runAsUser must be a non-zero uid/],
    ['another uid than the image', () => edited('Deployment', (d) => (securityOf(d).runAsUser = 1000)), /runAsUser 1000 must be the image's USER 65532/],
    ['a writable root filesystem', () => edited('Deployment', (d) => (securityOf(d).readOnlyRootFilesystem = false)), /readOnlyRootFilesystem must be true/],
    ['a misspelt security field', () => edited('Deployment', (d) => (container(d).securityContext = { ...securityOf(d), readOnlyRootFilesystem: undefined, readOnlyRootFilesytem: true } as ISecurityContext)), /readOnlyRootFilesystem must be true/],
    ['privilege escalation', () => edited('Deployment', (d) => delete securityOf(d).allowPrivilegeEscalation), /allowPrivilegeEscalation must be false/],
    ['kept capabilities', () => edited('Deployment', (d) => (securityOf(d).capabilities = { add: ['NET_ADMIN'] })), /drop must include ALL[\s\S]*must not add capabilities \(NET_ADMIN\)/],
    ['no seccomp profile', () => edited('Deployment', (d) => { delete securityOf(d).seccompProfile; delete podOf(d).securityContext?.seccompProfile; }), /seccompProfile\.type must be RuntimeDefault/],
    ['a mounted service-account token', () => edited('ServiceAccount', (s) => (s.automountServiceAccountToken = true)), /serviceaccount\.yaml ServiceAccount\/egress-lens: automountServiceAccountToken must be false/],
    ['no writable /tmp', () => edited('Deployment', (d) => (container(d).volumeMounts = container(d).volumeMounts?.filter((m) => m.mountPath !== '/tmp'))), /\/tmp needs a writable emptyDir/],
    ['no writable Next cache', () => edited('Deployment', (d) => (container(d).volumeMounts = container(d).volumeMounts?.filter((m) => m.mountPath !== '/app/.next/cache'))), /\/app\/\.next\/cache needs a writable emptyDir/],
    ['a tight memory limit', () => edited('Deployment', (d) => (container(d).resources = { ...container(d).resources, limits: { memory: '300Mi' } })), /limits\.memory must be at least 512Mi .* not 300Mi/],
    ['a PDB that blocks drains', () => edited('Deployment', (d) => Object.assign(d.spec ?? {}, { replicas: 1 })), /minAvailable 1 with 1 replicas blocks every node drain/],
    ['an object in another namespace', () => edited('Service', (s) => (s.metadata = { ...s.metadata, namespace: 'default' })), /service\.yaml Service\/egress-lens: metadata\.namespace must be egress-lens, not default/],
    ['a Secret volume nobody defines', () => edited('Deployment', (d) => (podOf(d).volumes = podOf(d).volumes?.map((v) => (v.secret ? { ...v, secret: { ...v.secret, secretName: 'other' } } : v)))), /mounts Secret other, which neither the manifests nor an example define/],
    ['an image tag that is not the version', () => edited('Deployment', (d) => (container(d).image = 'egress-lens:latest')), /must be tagged with the app version 0\.1\.0/],
    ['a file the kustomization leaves out', () => edited('Kustomization', (k) => (k.resources = k.resources.filter((r) => r !== 'service.yaml'))), /kustomization\.yaml: resources must list service\.yaml/],
    ['a file the kustomization lists but is missing', () => edited('Kustomization', (k) => k.resources.push('ingress.yaml')), /resources lists ingress\.yaml, which does not exist/],
  ];
  for (const [what, broken, message] of cases) {
    it(what, () => {
      expect(checkConsistency(broken(), ctx).join('\n')).toMatch(message);
    });
  }
});

describe('helpers', () => {
  it('quantityBytes reads Kubernetes quantities', () => {
    expect(quantityBytes('768Mi')).toBe(768 * 2 ** 20);
    expect(quantityBytes('1Gi')).toBe(2 ** 30);
    expect(quantityBytes('500M')).toBe(5e8);
    expect(quantityBytes(1024)).toBe(1024);
    expect(quantityBytes('lots')).toBeNaN();
  });

  it('appRoutes lists the route handlers', () => {
    expect(appRoutes(path.join(ROOT, 'app'))).toContain('/api/serviceentries/validate');
  });
});
