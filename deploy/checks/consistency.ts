/**
 * What a reviewer of deploy/kubernetes relies on beyond the schema: the
 * objects agree with each other (selectors, ports, names, the kustomization),
 * with the image (user, port, listen address) and with the app (configuration
 * variables, probe routes), and the pod is locked down.
 */
import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import type { IPodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import type { IConfigMap } from 'kubernetes-models/v1/ConfigMap';
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { INamespace } from 'kubernetes-models/v1/Namespace';
import type { ISecret } from 'kubernetes-models/v1/Secret';
import type { IService } from 'kubernetes-models/v1/Service';
import type { IServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import { loadConfig } from '../../lib/config/env';
import { describeDoc, isExample, KUSTOMIZATION_FILE, type ManifestDoc, type ManifestSet } from './manifests';

/** What the manifests are checked against: the app and its image. */
export interface DeployContext {
  readonly configVariables: readonly string[];
  /** ENV of the image's final stage. */
  readonly imageEnv: Readonly<Record<string, string>>;
  /** The image's numeric USER, or null when it has none. */
  readonly imageUser: { readonly uid: number; readonly gid?: number } | null;
  /** Paths the app serves a route handler on (`/api/livez`, ...). */
  readonly routes: readonly string[];
  /** package.json version: the image tag. */
  readonly version: string;
}

/** Routes that answer without querying Prometheus: the only ones a probe may use. */
export const PROBE_ROUTES = ['/api/livez', '/api/readyz'];
/** Variables the standalone server reads besides the app's configuration; the image sets them. */
export const RUNTIME_VARIABLES = ['HOSTNAME', 'PORT'];
/** Credentials: from a Secret only, never a ConfigMap or a literal value. */
export const CREDENTIAL_VARIABLES = ['PROMETHEUS_BEARER_TOKEN', 'PROMETHEUS_USERNAME', 'PROMETHEUS_PASSWORD', 'AUTH_PROXY_SECRET'];
/** What the server writes at run time (Next's image cache) and scratch space. */
export const WRITABLE_PATHS = ['/tmp', '/app/.next/cache'];
/** Memory limit floor: well above the ~300 MB the app is measured to need. */
export const MIN_MEMORY_LIMIT_BYTES = 512 * 2 ** 20;

const UNITS: Record<string, number> = { '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40 };

/** A Kubernetes memory quantity in bytes (NaN when it is not one). */
export function quantityBytes(q: string | number | undefined): number {
  if (typeof q === 'number') return q;
  const m = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|k|M|G|T)?$/.exec(q ?? '');
  return m ? Number(m[1]) * (UNITS[m[2] ?? ''] ?? NaN) : NaN;
}

function ofKind<T>(set: ManifestSet, kind: string): { doc: ManifestDoc; obj: T }[] {
  return set.docs.filter((d) => d.obj.kind === kind).map((d) => ({ doc: d, obj: d.obj as T }));
}

function labelsMatch(selector: Readonly<Record<string, string>> | undefined, labels: Readonly<Record<string, string>> | undefined): boolean {
  const entries = Object.entries(selector ?? {});
  return entries.length > 0 && entries.every(([k, v]) => labels?.[k] === v);
}

/** Every problem with the manifests, each naming the file, the object and the fix; [] when fine. */
export function checkConsistency(set: ManifestSet, ctx: DeployContext): string[] {
  const problems: string[] = [];
  const one = <T>(kind: string): { doc: ManifestDoc; obj: T } | undefined => {
    const all = ofKind<T>(set, kind);
    if (all.length !== 1) problems.push(`deploy/kubernetes must hold exactly one ${kind}, found ${all.length}`);
    return all[0];
  };
  const deployment = one<IDeployment>('Deployment');
  const service = one<IService>('Service');
  const configMap = one<IConfigMap>('ConfigMap');
  const account = one<IServiceAccount>('ServiceAccount');
  const namespace = ofKind<INamespace>(set, 'Namespace')[0];
  if (!deployment) return problems;
  const where = describeDoc(deployment.doc);
  const pod = deployment.obj.spec?.template.spec;
  const podLabels = deployment.obj.spec?.template.metadata?.labels;
  const containers = pod?.containers ?? [];
  const container: IContainer | undefined = containers[0];
  if (!pod || !container || containers.length !== 1) return [...problems, `${where}: needs exactly one container`];

  // Names and namespaces.
  const ns = (set.kustomization?.namespace as string | undefined) ?? namespace?.obj.metadata?.name;
  for (const d of [...set.docs, ...set.examples]) {
    const meta = d.obj.metadata as { name?: string; namespace?: string } | undefined;
    if (d.obj.kind !== 'Namespace' && meta?.namespace !== ns) problems.push(`${describeDoc(d)}: metadata.namespace must be ${ns ?? 'the kustomization namespace'}, not ${meta?.namespace ?? 'unset'}`);
  }
  if (namespace && namespace.obj.metadata?.name !== ns) problems.push(`${describeDoc(namespace.doc)}: the Namespace must be ${ns}, the kustomization's namespace`);

  // Selectors and ports.
  const replicas = deployment.obj.spec?.replicas ?? 1;
  if (!labelsMatch(deployment.obj.spec?.selector.matchLabels, podLabels)) problems.push(`${where}: spec.selector.matchLabels must match the pod template's labels`);
  const ports = container.ports ?? [];
  const resolvePort = (p: string | number | undefined) => ports.find((cp) => (typeof p === 'number' ? cp.containerPort === p : cp.name === p));
  if (String(ports[0]?.containerPort) !== ctx.imageEnv.PORT) problems.push(`${where}: containerPort ${String(ports[0]?.containerPort)} must be the image's PORT ${ctx.imageEnv.PORT ?? '(unset)'}`);
  if (service) {
    const s = describeDoc(service.doc);
    if ((service.obj.spec?.type ?? 'ClusterIP') !== 'ClusterIP') problems.push(`${s}: type must be ClusterIP (sign-in goes through a trusted proxy, not a public Service)`);
    if (!labelsMatch(service.obj.spec?.selector, podLabels)) problems.push(`${s}: spec.selector ${JSON.stringify(service.obj.spec?.selector ?? {})} must match the pod labels ${JSON.stringify(podLabels ?? {})}`);
    for (const p of service.obj.spec?.ports ?? [])
      if (!resolvePort(p.targetPort ?? p.port)) problems.push(`${s}: port ${p.port} targets ${String(p.targetPort ?? p.port)}, which is no containerPort (name or number) of ${where}`);
    if (!(service.obj.spec?.ports ?? []).some((p) => p.port === 80)) problems.push(`${s}: must serve port 80`);
  }
  for (const { doc, obj } of ofKind<IPodDisruptionBudget>(set, 'PodDisruptionBudget')) {
    if (!labelsMatch(obj.spec?.selector?.matchLabels, podLabels)) problems.push(`${describeDoc(doc)}: spec.selector must match the pod labels`);
    const min = obj.spec?.minAvailable;
    if (typeof min === 'number' && min >= replicas) problems.push(`${describeDoc(doc)}: minAvailable ${min} with ${replicas} replicas blocks every node drain`);
  }

  problems.push(...checkEnvironment(where, container, configMap, ctx));
  problems.push(...checkProbes(where, container, resolvePort, ctx));
  problems.push(...checkPodSecurity(where, deployment.obj, container, account, ctx));

  // Credential volumes point at a Secret that exists (here or as an example).
  const secrets = ofKind<ISecret>({ ...set, docs: [...set.docs, ...set.examples] }, 'Secret');
  for (const v of pod.volumes ?? [])
    if (v.secret && !secrets.some((s) => s.obj.metadata?.name === v.secret?.secretName))
      problems.push(`${where}: volume ${v.name} mounts Secret ${v.secret.secretName ?? '(unnamed)'}, which neither the manifests nor an example define`);

  // The image: a tag that is the app's version, the placeholder the kustomization rewrites.
  const [imageName, tag] = (container.image ?? '').split(/:(?=[^/:]+$)/);
  if (tag !== ctx.version) problems.push(`${where}: image ${container.image ?? '(unset)'} must be tagged with the app version ${ctx.version}`);
  const images = (set.kustomization?.images ?? []) as { name?: string; newTag?: string }[];
  const entry = images.find((i) => i.name === imageName);
  if (!entry) problems.push(`${KUSTOMIZATION_FILE}: images must have an entry named ${imageName ?? '(unset)'} (the placeholder in the Deployment)`);
  else if (entry.newTag !== undefined && entry.newTag !== ctx.version) problems.push(`${KUSTOMIZATION_FILE}: images[${imageName}].newTag ${entry.newTag} must be ${ctx.version}`);

  problems.push(...checkKustomization(set));
  return problems;
}

function checkEnvironment(where: string, container: IContainer, configMap: { doc: ManifestDoc; obj: IConfigMap } | undefined, ctx: DeployContext): string[] {
  const problems: string[] = [];
  const known = new Set([...ctx.configVariables, ...RUNTIME_VARIABLES]);
  for (const e of container.env ?? []) {
    if (!known.has(e.name)) problems.push(`${where}: env ${e.name} is not a configuration variable the app knows (lib/config/env.ts: ${ctx.configVariables.join(', ')})`);
    if (RUNTIME_VARIABLES.includes(e.name) && e.value !== ctx.imageEnv[e.name]) problems.push(`${where}: env ${e.name}=${String(e.value)} must equal the image's ${e.name}=${ctx.imageEnv[e.name] ?? '(unset)'}`);
    if (CREDENTIAL_VARIABLES.includes(e.name) && !e.valueFrom?.secretKeyRef) problems.push(`${where}: env ${e.name} is a credential: take it from a Secret (valueFrom.secretKeyRef), never a literal`);
  }
  for (const from of container.envFrom ?? [])
    if (from.configMapRef && from.configMapRef.name !== configMap?.obj.metadata?.name) problems.push(`${where}: envFrom configMapRef ${from.configMapRef.name ?? '(unnamed)'} is not the ConfigMap in deploy/kubernetes`);
  if (!configMap) return problems;
  const cm = describeDoc(configMap.doc);
  if (!(container.envFrom ?? []).some((f) => f.configMapRef?.name === configMap.obj.metadata?.name)) problems.push(`${where}: the container must take its environment from ConfigMap ${configMap.obj.metadata?.name ?? ''} (envFrom)`);
  const data = configMap.obj.data ?? {};
  for (const name of Object.keys(data)) {
    if (!ctx.configVariables.includes(name)) problems.push(`${cm}: ${name} is not a configuration variable the app knows (lib/config/env.ts: ${ctx.configVariables.join(', ')})`);
    if (CREDENTIAL_VARIABLES.includes(name)) problems.push(`${cm}: ${name} is a credential: put it in a Secret, not a ConfigMap`);
  }
  // The values must pass the app's own validation; files are checked to be mounted instead of read.
  const files = Object.entries(data).filter(([k]) => k.endsWith('_FILE'));
  for (const [name, file] of files)
    if (!(container.volumeMounts ?? []).some((m) => file.startsWith(`${m.mountPath.replace(/\/$/, '')}/`))) problems.push(`${cm}: ${name}=${file} is not under any volumeMount of ${where}`);
  try {
    loadConfig(Object.fromEntries(Object.entries(data).filter(([k]) => !k.endsWith('_FILE'))));
  } catch (err) {
    problems.push(`${cm}: the app rejects this configuration: ${err instanceof Error ? err.message : String(err)}`);
  }
  return problems;
}

function checkProbes(where: string, container: IContainer, resolvePort: (p: string | number | undefined) => unknown, ctx: DeployContext): string[] {
  const problems: string[] = [];
  for (const kind of ['startupProbe', 'livenessProbe', 'readinessProbe'] as const) {
    const probe = container[kind];
    const get = probe?.httpGet;
    if (!get?.path) {
      problems.push(`${where}: ${kind} must be an httpGet probe`);
      continue;
    }
    if (!ctx.routes.includes(get.path)) problems.push(`${where}: ${kind} hits ${get.path}, which no app/**/route.ts serves (routes: ${ctx.routes.join(', ')})`);
    else if (!PROBE_ROUTES.includes(get.path)) problems.push(`${where}: ${kind} hits ${get.path}, which depends on Prometheus; probes use ${PROBE_ROUTES.join(' or ')}`);
    if (!resolvePort(get.port)) problems.push(`${where}: ${kind} port ${String(get.port)} is no containerPort`);
  }
  if (container.livenessProbe?.httpGet?.path !== '/api/livez') problems.push(`${where}: livenessProbe must hit /api/livez (a restart cannot fix a configuration error)`);
  return problems;
}

function checkPodSecurity(
  where: string,
  deployment: IDeployment,
  container: IContainer,
  account: { doc: ManifestDoc; obj: IServiceAccount } | undefined,
  ctx: DeployContext,
): string[] {
  const problems: string[] = [];
  const pod = deployment.spec?.template.spec;
  const psc = pod?.securityContext;
  const csc = container.securityContext;
  const uid = csc?.runAsUser ?? psc?.runAsUser;
  if (account && pod?.serviceAccountName !== account.obj.metadata?.name) problems.push(`${where}: serviceAccountName must be ${account.obj.metadata?.name ?? ''}`);
  if (account && account.obj.automountServiceAccountToken !== false) problems.push(`${describeDoc(account.doc)}: automountServiceAccountToken must be false (the app never calls the Kubernetes API)`);
  if (pod?.automountServiceAccountToken !== false) problems.push(`${where}: spec.template.spec.automountServiceAccountToken must be false (the app never calls the Kubernetes API)`);
  if (psc?.runAsNonRoot !== true) problems.push(`${where}: the pod securityContext must set runAsNonRoot: true`);
  if (!uid || uid === 0) problems.push(`${where}: runAsUser must be a non-zero uid`);
  else if (ctx.imageUser && uid !== ctx.imageUser.uid) problems.push(`${where}: runAsUser ${uid} must be the image's USER ${ctx.imageUser.uid}`);
  if ((csc?.seccompProfile ?? psc?.seccompProfile)?.type !== 'RuntimeDefault') problems.push(`${where}: seccompProfile.type must be RuntimeDefault`);
  if (csc?.allowPrivilegeEscalation !== false) problems.push(`${where}: container securityContext.allowPrivilegeEscalation must be false`);
  if (csc?.privileged === true) problems.push(`${where}: the container must not be privileged`);
  if (csc?.readOnlyRootFilesystem !== true) problems.push(`${where}: container securityContext.readOnlyRootFilesystem must be true`);
  if (!csc?.capabilities?.drop?.includes('ALL')) problems.push(`${where}: container securityContext.capabilities.drop must include ALL`);
  if ((csc?.capabilities?.add ?? []).length > 0) problems.push(`${where}: the container must not add capabilities (${(csc?.capabilities?.add ?? []).join(', ')})`);
  if (pod?.hostNetwork || pod?.hostPID || pod?.hostIPC) problems.push(`${where}: no hostNetwork, hostPID or hostIPC`);
  for (const v of pod?.volumes ?? []) if (v.hostPath) problems.push(`${where}: volume ${v.name} is a hostPath`);

  const volumes = new Map((pod?.volumes ?? []).map((v) => [v.name, v]));
  for (const p of WRITABLE_PATHS) {
    const mount = (container.volumeMounts ?? []).find((m) => m.mountPath === p);
    if (!mount || !volumes.get(mount.name)?.emptyDir || mount.readOnly) problems.push(`${where}: the root filesystem is read-only, so ${p} needs a writable emptyDir volumeMount`);
  }
  for (const v of pod?.volumes ?? []) if (v.emptyDir && !v.emptyDir.sizeLimit) problems.push(`${where}: emptyDir ${v.name} needs a sizeLimit`);

  const res = container.resources;
  const limit = quantityBytes(res?.limits?.memory);
  const request = quantityBytes(res?.requests?.memory);
  if (!(limit >= MIN_MEMORY_LIMIT_BYTES)) problems.push(`${where}: resources.limits.memory must be at least 512Mi (the app needs ~300 MB), not ${String(res?.limits?.memory ?? 'unset')}`);
  if (!(request > 0) || request > limit) problems.push(`${where}: resources.requests.memory must be set and at most the limit`);
  if (!res?.requests?.cpu) problems.push(`${where}: resources.requests.cpu must be set`);
  return problems;
}

function checkKustomization(set: ManifestSet): string[] {
  if (!set.kustomization) return [`deploy/kubernetes needs a ${KUSTOMIZATION_FILE}`];
  const problems: string[] = [];
  const k = set.kustomization;
  if (k.apiVersion !== 'kustomize.config.k8s.io/v1beta1' || k.kind !== 'Kustomization') problems.push(`${KUSTOMIZATION_FILE}: must be apiVersion kustomize.config.k8s.io/v1beta1, kind Kustomization`);
  const listed = Array.isArray(k.resources) ? k.resources.map(String) : [];
  const expected = set.files.filter((f) => f !== KUSTOMIZATION_FILE && !isExample(f));
  for (const f of expected) if (!listed.includes(f)) problems.push(`${KUSTOMIZATION_FILE}: resources must list ${f} (or name it *.example.yaml to keep it out)`);
  for (const f of listed) if (!set.files.includes(f)) problems.push(`${KUSTOMIZATION_FILE}: resources lists ${f}, which does not exist`);
  if (new Set(listed).size !== listed.length) problems.push(`${KUSTOMIZATION_FILE}: resources lists a file twice`);
  return problems;
}
