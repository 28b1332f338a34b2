// What `kube play` will make, worked out from the checked objects before anything is made: the
// pods (a Deployment's replicas included) with their ports, the containers' create requests
// (env resolved from ConfigMaps and Secrets, mounts from volumes, limits, restart policy), and the
// named volumes to make or fill. Pure: no store, so the whole YAML is judged before any change.
import { randomBytes } from 'node:crypto';
import type { ContainerMount, RestartPolicy } from '../container/container-config.js';
import type { CreateContainerRequest } from '../container/create-container.js';
import { parseQuantity } from './kube-quantity.js';
import type {
  KubeConfigMap,
  KubeContainer,
  KubeObject,
  KubePodSpec,
  KubeSecret,
  KubeVolume,
} from './kube-schema.js';
import { fieldError, type KubeEntry, type KubeManifest } from './kube-validate.js';
import type { FieldPath } from './kube-yaml.js';

export type PullPolicy = 'always' | 'missing' | 'never';

/** A container's create request, less what only the store can say (pod ID, image ID). */
export type PlannedRequest = Omit<CreateContainerRequest, 'pod' | 'imageId' | 'searchRegistries'>;

export interface PlannedContainer {
  /** The name in the YAML; the Berth container is named `<pod>-<name>`, as podman does. */
  kubeName: string;
  request: PlannedRequest;
  pullPolicy: PullPolicy;
}

/** A hostPath volume: what must be on the host before the bind is made. */
export interface PlannedHostPath {
  path: string;
  type: string;
}

/** A named volume the play needs: a PVC's, or one holding a ConfigMap's or Secret's files. */
export interface PlannedVolume {
  name: string;
  /** Files to write into it (ConfigMap and Secret volumes), by relative path. */
  files?: Record<string, Buffer>;
}

export interface PlannedPod {
  name: string;
  labels: Record<string, string>;
  hostname?: string;
  networkMode?: string;
  /** -p specs of the pod, from the containers' hostPorts. */
  publish: string[];
  containers: PlannedContainer[];
  hostPaths: PlannedHostPath[];
}

export interface KubePlayPlan {
  pods: PlannedPod[];
  volumes: PlannedVolume[];
}

const RESTART_POLICIES: Record<string, RestartPolicy> = {
  Always: { name: 'always', maxRetries: 0 },
  OnFailure: { name: 'on-failure', maxRetries: 0 },
  Never: { name: 'no', maxRetries: 0 },
};

const PULL_POLICIES: Record<string, PullPolicy> = {
  Always: 'always',
  IfNotPresent: 'missing',
  Never: 'never',
};

interface Sources {
  configMaps: Map<string, KubeEntry<KubeConfigMap>>;
  secrets: Map<string, KubeEntry<KubeSecret>>;
}

/** A located error in the object `entry` at `path`. */
type Fail = (path: FieldPath, why: string) => Error;

function decodeBase64(value: string, fail: () => Error): Buffer {
  const compact = value.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 === 1) throw fail();
  return Buffer.from(compact, 'base64');
}

/** A ConfigMap's or Secret's keys and values, decoded. */
function sourceData(entry: KubeEntry<KubeConfigMap | KubeSecret>, file: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const { object, document } = entry;
  const label = `document ${document.index} (${object.kind} "${object.metadata.name}")`;
  const encoded = object.kind === 'ConfigMap' ? object.binaryData : object.data;
  const plain = object.kind === 'ConfigMap' ? object.data : object.stringData;
  const encodedField = object.kind === 'ConfigMap' ? 'binaryData' : 'data';
  for (const [key, value] of Object.entries(encoded ?? {}))
    out.set(
      key,
      decodeBase64(value, () =>
        fieldError(
          file,
          document,
          label,
          [encodedField, key],
          'the value is not base64: encode it, or use stringData',
        ),
      ),
    );
  // stringData wins over data for the same key (the API server merges it that way).
  for (const [key, value] of Object.entries(plain ?? {})) out.set(key, Buffer.from(value));
  return out;
}

function lookupSource(
  sources: Sources,
  kind: 'ConfigMap' | 'Secret',
  name: string,
  optional: boolean | undefined,
  fail: () => Error,
): KubeEntry<KubeConfigMap | KubeSecret> | undefined {
  const found = (kind === 'ConfigMap' ? sources.configMaps : sources.secrets).get(name);
  if (!found && !optional) throw fail();
  return found;
}

function containerEnv(
  container: KubeContainer,
  podName: string,
  sources: Sources,
  file: string,
  fail: Fail,
): string[] {
  const env = new Map<string, string>();
  const missing = (kind: string, name: string, path: FieldPath) => () =>
    fail(
      path,
      `${kind} "${name}" is not defined in this YAML: add it as a document, or mark the reference optional`,
    );
  // envFrom first; env entries override what envFrom set (Kubernetes' order).
  for (const [i, from] of (container.envFrom ?? []).entries()) {
    const ref = from.configMapRef ?? from.secretRef!;
    const kind = from.configMapRef ? 'ConfigMap' : 'Secret';
    const path = ['envFrom', i, from.configMapRef ? 'configMapRef' : 'secretRef', 'name'];
    const entry = lookupSource(sources, kind, ref.name, ref.optional, missing(kind, ref.name, path));
    if (!entry) continue;
    for (const [key, value] of sourceData(entry, file))
      env.set(`${from.prefix ?? ''}${key}`, value.toString());
  }
  for (const [i, variable] of (container.env ?? []).entries()) {
    const from = variable.valueFrom;
    if (!from) {
      env.set(variable.name, variable.value ?? '');
      continue;
    }
    if (from.fieldRef) {
      const field = from.fieldRef.fieldPath;
      env.set(
        variable.name,
        field === 'metadata.name' ? podName : field === 'metadata.namespace' ? 'default' : '',
      );
      continue;
    }
    const ref = (from.configMapKeyRef ?? from.secretKeyRef)!;
    const kind = from.configMapKeyRef ? 'ConfigMap' : 'Secret';
    const refField = from.configMapKeyRef ? 'configMapKeyRef' : 'secretKeyRef';
    const path = ['env', i, 'valueFrom', refField];
    const entry = lookupSource(
      sources,
      kind,
      ref.name,
      ref.optional,
      missing(kind, ref.name, [...path, 'name']),
    );
    if (!entry) continue;
    const value = sourceData(entry, file).get(ref.key);
    if (value === undefined) {
      if (ref.optional) continue;
      throw fail([...path, 'key'], `${kind} "${ref.name}" has no key "${ref.key}": add it, or fix the key`);
    }
    env.set(variable.name, value.toString());
  }
  return [...env].map(([name, value]) => `${name}=${value}`);
}

/** The files of a ConfigMap or Secret volume (all keys, or the listed items). */
function volumeFiles(
  volume: KubeVolume,
  sources: Sources,
  file: string,
  fail: Fail,
  at: FieldPath,
): PlannedVolume {
  const isSecret = volume.secret !== undefined;
  const ref = isSecret ? volume.secret! : volume.configMap!;
  const name = isSecret ? volume.secret!.secretName : volume.configMap!.name;
  const kind = isSecret ? 'Secret' : 'ConfigMap';
  const field = isSecret ? 'secret' : 'configMap';
  const entry = lookupSource(sources, kind, name, ref.optional, () =>
    fail(
      [...at, field],
      `${kind} "${name}" is not defined in this YAML: add it as a document, or mark the volume optional`,
    ),
  );
  const data = entry ? sourceData(entry, file) : new Map<string, Buffer>();
  const files: Record<string, Buffer> = {};
  if (ref.items) {
    for (const [i, item] of ref.items.entries()) {
      const value = data.get(item.key);
      if (value === undefined) {
        if (ref.optional) continue;
        throw fail([...at, field, 'items', i, 'key'], `${kind} "${name}" has no key "${item.key}"`);
      }
      if (item.path.startsWith('/') || item.path.split('/').includes('..'))
        throw fail([...at, field, 'items', i, 'path'], 'must be a relative path without ".."');
      files[item.path] = value;
    }
  } else for (const [key, value] of data) files[key] = value;
  return { name, files };
}

function containerMounts(
  container: KubeContainer,
  volumes: ReadonlyMap<string, KubeVolume>,
): ContainerMount[] {
  return (container.volumeMounts ?? []).map((mount): ContainerMount => {
    const volume = volumes.get(mount.name)!;
    const readonly = mount.readOnly ?? false;
    if (volume.hostPath)
      return {
        type: 'bind',
        source: volume.hostPath.path,
        destination: mount.mountPath,
        readonly,
        options: [],
      };
    if (volume.persistentVolumeClaim)
      return {
        type: 'volume',
        name: volume.persistentVolumeClaim.claimName,
        anonymous: false,
        destination: mount.mountPath,
        readonly: readonly || (volume.persistentVolumeClaim.readOnly ?? false),
        options: [],
      };
    if (volume.configMap || volume.secret)
      return {
        type: 'volume',
        name: volume.configMap?.name ?? volume.secret!.secretName,
        anonymous: false,
        destination: mount.mountPath,
        // Kubernetes mounts ConfigMaps and Secrets read-only; so does podman.
        readonly: true,
        options: ['nocopy'],
      };
    if (volume.emptyDir?.medium === 'Memory')
      return { type: 'tmpfs', destination: mount.mountPath, options: [] };
    // An emptyDir lives as long as the pod: an anonymous volume, removed with its container.
    return {
      type: 'volume',
      name: randomBytes(32).toString('hex'),
      anonymous: true,
      destination: mount.mountPath,
      readonly,
      options: [],
    };
  });
}

function planContainer(
  container: KubeContainer,
  spec: KubePodSpec,
  podName: string,
  annotations: Record<string, string>,
  volumes: ReadonlyMap<string, KubeVolume>,
  sources: Sources,
  file: string,
  fail: Fail,
): PlannedContainer {
  const security = container.securityContext;
  const uid = security?.runAsUser ?? spec.securityContext?.runAsUser;
  const gid = security?.runAsGroup ?? spec.securityContext?.runAsGroup;
  const limits = container.resources?.limits;
  const memory = limits?.memory !== undefined ? Math.floor(parseQuantity(limits.memory)!) : undefined;
  const cpus = limits?.cpu !== undefined ? parseQuantity(limits.cpu) : undefined;
  const flag = (key: string) => annotations[`${key}/${container.name}`]?.toLowerCase() === 'true';
  const request: PlannedRequest = {
    image: container.image,
    name: `${podName}-${container.name}`,
    // Kubernetes: `command` replaces the image's ENTRYPOINT and `args` its CMD; a command given
    // without args drops the image's CMD, as --entrypoint does.
    entrypoint: container.command,
    command: container.args,
    env: containerEnv(container, podName, sources, file, fail),
    workdir: container.workingDir || undefined,
    user: uid !== undefined ? (gid !== undefined ? `${uid}:${gid}` : String(uid)) : undefined,
    mounts: containerMounts(container, volumes),
    memory: memory || undefined,
    cpus: cpus || undefined,
    privileged: security?.privileged ?? (flag('io.podman.annotations.privileged') || undefined),
    readOnly: security?.readOnlyRootFilesystem,
    noNewPrivileges: security?.allowPrivilegeEscalation === false ? true : undefined,
    capAdd: security?.capabilities?.add,
    capDrop: security?.capabilities?.drop,
    tty: container.tty ?? (flag('io.kubernetes.cri-o.TTY') || undefined),
    interactive: container.stdin,
    init: flag('io.podman.annotations.init') || undefined,
    restartPolicy: RESTART_POLICIES[spec.restartPolicy ?? 'Always'],
    stopTimeout: spec.terminationGracePeriodSeconds,
  };
  return {
    kubeName: container.name,
    request,
    pullPolicy: PULL_POLICIES[container.imagePullPolicy ?? 'IfNotPresent']!,
  };
}

function planPod(
  name: string,
  spec: KubePodSpec,
  labels: Record<string, string>,
  annotations: Record<string, string>,
  entry: KubeEntry,
  specPath: FieldPath,
  sources: Sources,
  file: string,
  volumesOut: Map<string, PlannedVolume>,
): PlannedPod {
  const label = `document ${entry.document.index} (${entry.object.kind} "${entry.object.metadata.name}")`;
  const fail: Fail = (path, why) => fieldError(file, entry.document, label, [...specPath, ...path], why);
  const volumes = new Map((spec.volumes ?? []).map((v) => [v.name, v]));
  const hostPaths: PlannedHostPath[] = [];
  for (const [i, volume] of (spec.volumes ?? []).entries()) {
    if (volume.hostPath) hostPaths.push({ path: volume.hostPath.path, type: volume.hostPath.type ?? '' });
    if (volume.persistentVolumeClaim) {
      const claim = volume.persistentVolumeClaim.claimName;
      if (!volumesOut.has(claim)) volumesOut.set(claim, { name: claim });
    }
    if (volume.configMap || volume.secret) {
      const planned = volumeFiles(volume, sources, file, (path, why) => fail(path, why), ['volumes', i]);
      volumesOut.set(planned.name, planned);
    }
  }
  const publish: string[] = [];
  const containers = spec.containers.map((container, i) => {
    const containerFail: Fail = (path, why) => fail(['containers', i, ...path], why);
    for (const port of container.ports ?? []) {
      if (port.hostPort === undefined || spec.hostNetwork) continue;
      const ip = port.hostIP ? (port.hostIP.includes(':') ? `[${port.hostIP}]:` : `${port.hostIP}:`) : '';
      publish.push(`${ip}${port.hostPort}:${port.containerPort}/${(port.protocol ?? 'TCP').toLowerCase()}`);
    }
    return planContainer(container, spec, name, annotations, volumes, sources, file, containerFail);
  });
  return {
    name,
    labels,
    hostname: spec.hostname || undefined,
    networkMode: spec.hostNetwork ? 'host' : undefined,
    publish,
    containers,
    hostPaths,
  };
}

function byName<T extends KubeObject>(
  entries: readonly KubeEntry[],
  kind: T['kind'],
): Map<string, KubeEntry<T>> {
  return new Map(
    entries.filter((e) => e.object.kind === kind).map((e) => [e.object.metadata.name, e as KubeEntry<T>]),
  );
}

/** The pod names a Deployment's replicas get: `<name>-pod-<i>`, as podman names them. */
export function replicaPodNames(name: string, replicas: number): string[] {
  return Array.from({ length: replicas }, (_, i) => `${name}-pod-${i}`);
}

/** The names of the pods the manifest describes (for `kube down` and `--replace`). */
export function manifestPodNames(manifest: KubeManifest): string[] {
  const names: string[] = [];
  for (const { object } of manifest.entries) {
    if (object.kind === 'Pod') names.push(object.metadata.name);
    if (object.kind === 'Deployment')
      names.push(...replicaPodNames(object.metadata.name, object.spec.replicas ?? 1));
  }
  return names;
}

export function planKubePlay(manifest: KubeManifest): KubePlayPlan {
  const { entries, file } = manifest;
  const sources: Sources = {
    configMaps: byName<KubeConfigMap>(entries, 'ConfigMap'),
    secrets: byName<KubeSecret>(entries, 'Secret'),
  };
  const volumes = new Map<string, PlannedVolume>();
  const pods: PlannedPod[] = [];
  for (const entry of entries) {
    const { object } = entry;
    if (object.kind === 'PersistentVolumeClaim' && !volumes.has(object.metadata.name))
      volumes.set(object.metadata.name, { name: object.metadata.name });
    if (object.kind === 'Pod') {
      const labels = object.metadata.labels ?? {};
      const annotations = object.metadata.annotations ?? {};
      pods.push(
        planPod(
          object.metadata.name,
          object.spec,
          labels,
          annotations,
          entry,
          ['spec'],
          sources,
          file,
          volumes,
        ),
      );
    }
    if (object.kind === 'Deployment') {
      const template = object.spec.template;
      const labels = { ...(object.metadata.labels ?? {}), ...(template.metadata?.labels ?? {}) };
      const annotations = template.metadata?.annotations ?? {};
      for (const podName of replicaPodNames(object.metadata.name, object.spec.replicas ?? 1))
        pods.push(
          planPod(
            podName,
            template.spec,
            labels,
            annotations,
            entry,
            ['spec', 'template', 'spec'],
            sources,
            file,
            volumes,
          ),
        );
    }
  }
  return { pods, volumes: [...volumes.values()] };
}
