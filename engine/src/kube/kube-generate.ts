// `kube generate`: Kubernetes objects describing pods and containers, in podman's shape — one
// Pod per pod, one Pod holding all the standalone containers named, and with `service` a NodePort
// Service per Pod that publishes ports. Only what differs from the image is written (command,
// env, working directory), so that the YAML replays to the same containers, in Berth, in podman
// and in a cluster. Every object is checked against the Kubernetes API's rules before it is
// returned (kube-api-check.ts).
import { randomInt } from 'node:crypto';
import { statSync } from 'node:fs';
import type { ContainerRecord } from '../container/container-records.js';
import { findContainer } from '../container/container-lookup.js';
import { parsePublish } from '../container/container-ports.js';
import { getImageRecord } from '../image/image-records.js';
import type { ImageConfig } from '../image/manifest.js';
import { podContainers } from '../pod/pod-lifecycle.js';
import { findPod } from '../pod/pod-lookup.js';
import type { PodRecord } from '../pod/pod-records.js';
import type { Store } from '../state/store.js';
import { checkKubernetesObject } from './kube-api-check.js';
import { KubeError } from './kube-errors.js';
import { formatCpuQuantity, formatMemoryQuantity } from './kube-quantity.js';

export interface KubeGenerateOptions {
  /** Add a NodePort Service for each Pod with published ports (`-s`). */
  service?: boolean;
}

export type KubeObjectData = Record<string, unknown>;

export interface KubeGenerateResult {
  /** Services first, then Pods (the order `kubectl create` wants, as podman writes them). */
  objects: KubeObjectData[];
  /** Things left out, for the user (e.g. a Service for a pod without ports). */
  warnings: string[];
}

interface PortEntry {
  containerPort: number;
  hostPort?: number;
  hostIP?: string;
  protocol?: string;
}

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const DEFAULT_STOP_TIMEOUT = 10;

/** A Berth name as a Kubernetes DNS label: podman drops underscores; other misfits become '-'. */
export function kubeName(name: string, maxLength = 63): string {
  const cleaned = name
    .replace(/_/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, maxLength)
    .replace(/-+$/, '');
  return cleaned || 'container';
}

function imageRunConfig(store: Store, record: ContainerRecord): NonNullable<ImageConfig['config']> {
  const image = getImageRecord(store.db, record.imageId);
  if (!image) return {};
  return ((JSON.parse(image.config) as ImageConfig).config ?? {}) as NonNullable<ImageConfig['config']>;
}

function sameList(a: readonly string[] | null | undefined, b: readonly string[] | null | undefined): boolean {
  const left = a ?? [];
  const right = b ?? [];
  return left.length === right.length && left.every((v, i) => v === right[i]);
}

/** Kubernetes semantics: `command` replaces ENTRYPOINT, `args` replaces CMD. */
function commandFields(record: ContainerRecord, run: NonNullable<ImageConfig['config']>): KubeObjectData {
  const { entrypoint, command } = record.config;
  const imageEntrypoint = run.Entrypoint ?? [];
  const out: KubeObjectData = {};
  if (!sameList(entrypoint, imageEntrypoint)) {
    if (entrypoint.length === 0) {
      // An empty `command` means "not set" to Kubernetes: put the whole argv in command instead.
      if (command.length > 0) out.command = command;
      return out;
    }
    out.command = entrypoint;
    // A given command drops the image's CMD, so the args must be written out whenever there are any.
    if (command.length > 0) out.args = command;
    return out;
  }
  if (!sameList(command, run.Cmd)) out.args = command;
  return out;
}

function envFields(record: ContainerRecord, run: NonNullable<ImageConfig['config']>): KubeObjectData[] {
  const fromImage = new Set(run.Env ?? []);
  return record.config.env
    .filter((entry) => !fromImage.has(entry))
    .map((entry) => {
      const eq = entry.indexOf('=');
      return { name: entry.slice(0, eq), value: entry.slice(eq + 1) };
    });
}

function portEntries(publish: readonly string[]): PortEntry[] {
  const ports: PortEntry[] = [];
  for (const mapping of publish.flatMap(parsePublish))
    for (let i = 0; i < mapping.range; i++) {
      const entry: PortEntry = { containerPort: mapping.containerPort + i };
      if (mapping.hostPort) entry.hostPort = mapping.hostPort + i;
      if (mapping.hostIp && mapping.hostIp !== '0.0.0.0') entry.hostIP = mapping.hostIp;
      if (mapping.protocol !== 'tcp') entry.protocol = mapping.protocol.toUpperCase();
      ports.push(entry);
    }
  return ports;
}

/** The pod's volumes, shared by its containers: one entry per distinct source. */
class PodVolumes {
  readonly volumes: KubeObjectData[] = [];
  private readonly bySource = new Map<string, string>();

  private add(source: string, base: string, body: KubeObjectData): string {
    const known = this.bySource.get(source);
    if (known) return known;
    const suffix = `-${this.volumes.length}`;
    const name = `${kubeName(base, 63 - suffix.length)}${suffix}`;
    this.bySource.set(source, name);
    this.volumes.push({ name, ...body });
    return name;
  }

  bind(hostPath: string): string {
    let type = 'DirectoryOrCreate';
    try {
      type = statSync(hostPath).isDirectory() ? 'Directory' : 'File';
    } catch {
      // missing now: let the player create it
    }
    return this.add(`bind:${hostPath}`, `${hostPath.replace(/\//g, '-')}-host`, {
      hostPath: { path: hostPath, type },
    });
  }

  claim(volume: string): string {
    if (!DNS_SUBDOMAIN.test(volume) || volume.length > 253)
      throw new KubeError(
        `volume ${volume} cannot be a Kubernetes PersistentVolumeClaim name (lowercase letters, digits, '-' and '.' only): copy it to a volume with such a name and mount that`,
      );
    return this.add(`volume:${volume}`, `${volume}-pvc`, { persistentVolumeClaim: { claimName: volume } });
  }

  emptyDir(destination: string, memory: boolean): string {
    return this.add(
      `${memory ? 'tmpfs' : 'empty'}:${destination}:${this.volumes.length}`,
      memory ? 'tmpfs' : 'emptydir',
      { emptyDir: memory ? { medium: 'Memory' } : {} },
    );
  }
}

function securityContext(record: ContainerRecord): KubeObjectData | undefined {
  const c = record.config;
  const out: KubeObjectData = {};
  if (c.privileged) out.privileged = true;
  if (c.readOnly) out.readOnlyRootFilesystem = true;
  if (c.noNewPrivileges) out.allowPrivilegeEscalation = false;
  const user = /^(\d+)(?::(\d+))?$/.exec(c.user);
  if (user) {
    out.runAsUser = Number(user[1]);
    if (user[2] !== undefined) out.runAsGroup = Number(user[2]);
  }
  if (c.capAdd.length > 0 || c.capDrop.length > 0)
    out.capabilities = {
      ...(c.capAdd.length > 0 ? { add: c.capAdd } : {}),
      ...(c.capDrop.length > 0 ? { drop: c.capDrop } : {}),
    };
  return Object.keys(out).length > 0 ? out : undefined;
}

function kubeContainer(
  store: Store,
  record: ContainerRecord,
  name: string,
  ports: PortEntry[],
  volumes: PodVolumes,
): KubeObjectData {
  const run = imageRunConfig(store, record);
  const c = record.config;
  const imageVolumes = new Set(Object.keys(run.Volumes ?? {}));
  const volumeMounts: KubeObjectData[] = [];
  for (const mount of c.mounts) {
    let volumeName: string;
    if (mount.type === 'bind') volumeName = volumes.bind(mount.source);
    else if (mount.type === 'tmpfs') volumeName = volumes.emptyDir(mount.destination, true);
    else if (!mount.anonymous) volumeName = volumes.claim(mount.name);
    // The image's own VOLUMEs come back by themselves from the image: leave them out.
    else if (imageVolumes.has(mount.destination)) continue;
    else volumeName = volumes.emptyDir(mount.destination, false);
    volumeMounts.push({
      name: volumeName,
      mountPath: mount.destination,
      ...(mount.type !== 'tmpfs' && mount.readonly ? { readOnly: true } : {}),
    });
  }
  const env = envFields(record, run);
  const limits: KubeObjectData = {};
  if (c.memory > 0) limits.memory = formatMemoryQuantity(c.memory);
  if (c.cpus > 0) limits.cpu = formatCpuQuantity(c.cpus);
  const security = securityContext(record);
  return {
    name,
    image: c.imageName,
    ...commandFields(record, run),
    ...(env.length > 0 ? { env } : {}),
    ...(ports.length > 0 ? { ports } : {}),
    ...(c.workdir !== (run.WorkingDir || '/') ? { workingDir: c.workdir } : {}),
    ...(Object.keys(limits).length > 0 ? { resources: { limits } } : {}),
    ...(security ? { securityContext: security } : {}),
    ...(c.tty ? { tty: true } : {}),
    ...(c.interactive ? { stdin: true } : {}),
    ...(volumeMounts.length > 0 ? { volumeMounts } : {}),
  };
}

const KUBE_RESTART: Record<string, string> = {
  always: 'Always',
  'unless-stopped': 'Always',
  'on-failure': 'OnFailure',
  no: 'Never',
};

/**
 * podman's per-container annotations (kube play reads init and privileged back). podman also
 * writes `io.kubernetes.cri-o.TTY/<name>`, whose upper-case prefix the API server refuses: the
 * container's `tty` field says the same.
 */
function podmanAnnotations(
  containers: ReadonlyArray<{ name: string; record: ContainerRecord }>,
): Record<string, string> {
  const out: Record<string, string> = {};
  const flag = (value: boolean | undefined) => (value ? 'TRUE' : 'FALSE');
  for (const { name, record } of containers) {
    out[`io.podman.annotations.autoremove/${name}`] = flag(record.config.autoRemove);
    out[`io.podman.annotations.init/${name}`] = flag(record.config.init);
    out[`io.podman.annotations.privileged/${name}`] = flag(record.config.privileged);
    out[`io.podman.annotations.publish-all/${name}`] = flag(record.config.publishAll);
  }
  return out;
}

interface PodSource {
  name: string;
  createdAt: string;
  labels: Record<string, string>;
  hostname?: string;
  hostNetwork: boolean;
  members: ContainerRecord[];
  /** Ports of the pod (a pod's publish list), given to its first container as podman does. */
  podPorts?: PortEntry[];
}

function buildPod(store: Store, source: PodSource): KubeObjectData {
  const podName = kubeName(source.name, 63);
  const volumes = new PodVolumes();
  const taken = new Set<string>();
  const named = source.members.map((record) => {
    // kube play names containers `<pod>-<name>`: strip that again so a replay gives the same names.
    const prefix = `${source.name}-`;
    let name = kubeName(record.name.startsWith(prefix) ? record.name.slice(prefix.length) : record.name);
    for (let i = 1; taken.has(name); i++) name = `${kubeName(record.name, 60)}-${i}`;
    taken.add(name);
    return { name, record };
  });
  const containers = named.map(({ name, record }, i) => {
    const ports = source.podPorts
      ? i === 0
        ? source.podPorts
        : []
      : record.config.networkMode === 'host'
        ? []
        : portEntries(record.config.publish);
    return kubeContainer(store, record, name, ports, volumes);
  });
  const labels: Record<string, string> = { app: podName };
  for (const [key, value] of Object.entries(source.labels)) if (checkLabel(key, value)) labels[key] = value;
  const first = source.members[0]?.config;
  const stopTimeout = first?.stopTimeout ?? DEFAULT_STOP_TIMEOUT;
  const spec: KubeObjectData = {
    containers,
    ...(source.hostname && source.hostname !== podName ? { hostname: source.hostname } : {}),
    ...(source.hostNetwork ? { hostNetwork: true } : {}),
    restartPolicy: KUBE_RESTART[first?.restartPolicy.name ?? 'no'] ?? 'Never',
    ...(stopTimeout !== DEFAULT_STOP_TIMEOUT ? { terminationGracePeriodSeconds: stopTimeout } : {}),
    ...(volumes.volumes.length > 0 ? { volumes: volumes.volumes } : {}),
  };
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: podName,
      labels,
      annotations: podmanAnnotations(named),
      creationTimestamp: source.createdAt.replace(/\.\d+Z$/, 'Z'),
    },
    spec,
  };
}

function checkLabel(key: string, value: string): boolean {
  const slash = key.lastIndexOf('/');
  const prefix = slash < 0 ? undefined : key.slice(0, slash);
  const name = slash < 0 ? key : key.slice(slash + 1);
  if (prefix !== undefined && !(DNS_SUBDOMAIN.test(prefix) && prefix.length <= 253)) return false;
  return (
    name.length <= 63 &&
    /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/.test(name) &&
    value.length <= 63 &&
    LABEL_VALUE.test(value)
  );
}

function buildService(pod: KubeObjectData): KubeObjectData | undefined {
  const metadata = pod.metadata as { name: string; creationTimestamp: string };
  const containers = (pod.spec as { containers: Array<{ ports?: PortEntry[] }> }).containers;
  const ports = containers.flatMap((c) => c.ports ?? []);
  if (ports.length === 0) return undefined;
  // podman's shape: the port number as name, a random node port in Kubernetes' default range.
  const used = new Set<number>();
  const servicePorts = ports.map((p) => {
    let nodePort = randomInt(30000, 32768);
    while (used.has(nodePort)) nodePort = randomInt(30000, 32768);
    used.add(nodePort);
    return {
      name: `${p.containerPort}${p.protocol && p.protocol !== 'TCP' ? `-${p.protocol.toLowerCase()}` : ''}`,
      nodePort,
      port: p.containerPort,
      ...(p.protocol ? { protocol: p.protocol } : {}),
      targetPort: p.containerPort,
    };
  });
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: metadata.name,
      labels: { app: metadata.name },
      creationTimestamp: metadata.creationTimestamp,
    },
    spec: { ports: servicePorts, selector: { app: metadata.name }, type: 'NodePort' },
  };
}

async function podSource(store: Store, pod: PodRecord): Promise<PodSource> {
  const members = (await podContainers(store, pod)).filter((c) => c.id !== pod.infraId);
  if (members.length === 0)
    throw new KubeError(
      `pod ${pod.name} has no containers besides its infra container: add one (berth create --pod ${pod.name} ...) before generating its YAML`,
    );
  return {
    name: pod.name,
    createdAt: pod.createdAt,
    labels: pod.config.labels,
    hostname: pod.config.share.includes('uts') ? pod.config.hostname : undefined,
    hostNetwork: pod.config.networkMode === 'host',
    members,
    podPorts: pod.config.networkMode === 'host' ? [] : portEntries(pod.config.publish),
  };
}

/** podman's name for the pod of standalone containers: the first one's, `-pod` on a clash. */
function standalonePodName(containers: readonly ContainerRecord[]): string {
  const name = containers[0]!.name.replace(/_/g, '');
  return containers.some((c) => kubeName(c.name) === kubeName(name)) ? `${name}-pod` : name;
}

export async function generateKube(
  store: Store,
  inputs: readonly string[],
  options: KubeGenerateOptions = {},
): Promise<KubeGenerateResult> {
  if (inputs.length === 0) throw new KubeError('at least one container or pod name or ID is needed');
  const pods: PodRecord[] = [];
  const containers: ContainerRecord[] = [];
  for (const input of inputs) {
    const pod = findPod(store.db, input);
    if (pod) {
      if (!pods.some((p) => p.id === pod.id)) pods.push(pod);
      continue;
    }
    const container = findContainer(store.db, input);
    if (!container)
      throw new KubeError(
        `no pod or container with name or ID ${input} found: check it with berth pod ps and berth ps -a`,
      );
    if (container.config.pod) {
      const owner = findPod(store.db, container.config.pod);
      throw new KubeError(
        `container ${container.name} belongs to pod ${owner?.name ?? container.config.pod}: generate the pod instead (berth kube generate ${owner?.name ?? container.config.pod})`,
      );
    }
    if (!containers.some((c) => c.id === container.id)) containers.push(container);
  }
  const sources: PodSource[] = [];
  for (const pod of pods) sources.push(await podSource(store, pod));
  if (containers.length > 0) {
    const hostnames = containers
      .map((c) => c.config.hostname)
      .filter((h, i) => h !== containers[i]!.id.slice(0, 12));
    sources.push({
      name: standalonePodName(containers),
      createdAt: containers[0]!.createdAt,
      labels: {},
      hostname: hostnames[0],
      hostNetwork: containers.every((c) => c.config.networkMode === 'host'),
      members: containers,
    });
  }
  const podObjects = sources.map((source) => buildPod(store, source));
  const warnings: string[] = [];
  const services: KubeObjectData[] = [];
  if (options.service)
    for (const pod of podObjects) {
      const service = buildService(pod);
      const name = (pod.metadata as { name: string }).name;
      if (service) services.push(service);
      else warnings.push(`pod ${name} publishes no ports: no Service generated for it`);
    }
  const objects = [...services, ...podObjects];
  for (const object of objects) {
    const problems = checkKubernetesObject(object);
    if (problems.length > 0)
      throw new KubeError(
        `the generated ${String(object.kind)} ${(object.metadata as { name: string }).name} would not pass Kubernetes validation (${problems.join('; ')}): please report this as a Berth bug`,
      );
  }
  return { objects, warnings };
}
