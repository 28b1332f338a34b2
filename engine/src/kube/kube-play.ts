// `kube play`: makes what a checked YAML describes, in an order that can be undone. The plan is
// worked out and every image resolved (pulled if need be) before the first change; then host
// paths, volumes, pods and containers are made and the pods started. If any step fails, what this
// play made is removed again (pods with their containers, volumes it created, host directories
// and files it created), so a failed play leaves the store and the host as they were.
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createContainer } from '../container/create-container.js';
import { createPod } from '../pod/pod-create.js';
import { removePod, startPod } from '../pod/pod-lifecycle.js';
import { findPod } from '../pod/pod-lookup.js';
import type { Store } from '../state/store.js';
import { log } from '../util/logger.js';
import { downKubePods, type KubeDownResult } from './kube-down.js';
import { KubeError } from './kube-errors.js';
import { resolveKubeImage, type ImagePullOptions, type ResolvedImage } from './kube-images.js';
import { planKubePlay, type PlannedHostPath, type PlannedVolume, type PullPolicy } from './kube-plan.js';
import type { KubeManifest } from './kube-validate.js';

export interface KubePlayOptions extends ImagePullOptions {
  /** Start the pods (default true); `--start=false` only creates them. */
  start?: boolean;
  /** Remove existing pods of the same names first (`--replace`). */
  replace?: boolean;
  /** Recorded as each pod's CreateCommand. */
  createCommand?: string[];
  /** How images are found; the default looks locally and pulls by imagePullPolicy. */
  resolveImage?: (image: string, policy: PullPolicy) => Promise<ResolvedImage>;
}

export interface PlayedPod {
  id: string;
  name: string;
  /** The pod's containers (its infra container not included), in the YAML's order. */
  containerIds: string[];
}

export interface KubePlayResult {
  pods: PlayedPod[];
  /** Named volumes this play created (PVCs, ConfigMap and Secret volumes). */
  createdVolumes: string[];
  /** What `--replace` removed first. */
  replaced?: KubeDownResult;
}

/** What has been made so far, to undo on failure (newest last). */
interface Made {
  pods: string[];
  volumes: string[];
  hostPaths: string[];
}

function hostPathKind(target: string): string | undefined {
  try {
    const stat = statSync(target);
    if (stat.isDirectory()) return 'Directory';
    if (stat.isFile()) return 'File';
    if (stat.isSocket()) return 'Socket';
    if (stat.isCharacterDevice()) return 'CharDevice';
    if (stat.isBlockDevice()) return 'BlockDevice';
    return 'other';
  } catch {
    return undefined;
  }
}

/** Checks (and for the *OrCreate types, makes) a hostPath volume's path, as the kubelet does. */
function prepareHostPath(hostPath: PlannedHostPath, made: Made): void {
  const found = hostPathKind(hostPath.path);
  const type = hostPath.type;
  if (type === '') return; // no checks: whatever is there (or a bind of a missing path fails at start)
  if (type === 'DirectoryOrCreate' || type === 'FileOrCreate') {
    const want = type === 'DirectoryOrCreate' ? 'Directory' : 'File';
    if (found === undefined) {
      // Remember the topmost directory made, so a rollback removes exactly what was added.
      let top = hostPath.path;
      while (!existsSync(path.dirname(top))) top = path.dirname(top);
      if (want === 'Directory') mkdirSync(hostPath.path, { recursive: true, mode: 0o755 });
      else {
        if (!existsSync(path.dirname(hostPath.path)))
          throw new KubeError(
            `hostPath ${hostPath.path} (type FileOrCreate): its directory ${path.dirname(hostPath.path)} does not exist: create it, or use type DirectoryOrCreate for the directory`,
          );
        writeFileSync(hostPath.path, '', { mode: 0o644 });
      }
      made.hostPaths.push(top);
      return;
    }
    if (found !== want)
      throw new KubeError(
        `hostPath ${hostPath.path} (type ${type}) exists but is not a ${want.toLowerCase()}: fix the path or the type`,
      );
    return;
  }
  if (found === undefined)
    throw new KubeError(
      `hostPath ${hostPath.path} (type ${type}) does not exist: create it, or use type ${type === 'File' ? 'FileOrCreate' : 'DirectoryOrCreate'}`,
    );
  if (found !== type)
    throw new KubeError(
      `hostPath ${hostPath.path} is not a ${type} (type ${type}): fix the path or the type`,
    );
}

/** Makes (or reuses) a named volume and writes a ConfigMap's or Secret's files into it. */
async function prepareVolume(store: Store, planned: PlannedVolume, made: Made): Promise<void> {
  const { createVolume } = await import('../volume/index.js');
  const { volume, created } = await createVolume(store, { name: planned.name, ignoreIfExists: true });
  if (created) made.volumes.push(volume.name);
  for (const [relative, content] of Object.entries(planned.files ?? {})) {
    const target = path.join(volume.mountpoint, relative);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, content, { mode: 0o644 });
  }
}

async function rollBack(store: Store, made: Made): Promise<void> {
  for (const id of [...made.pods].reverse())
    await removePod(store, id, { force: true, timeout: 0 }).catch((error: Error) =>
      log.warn(`kube play: rolling back pod ${id}: ${error.message}`),
    );
  if (made.volumes.length > 0) {
    const { removeVolume } = await import('../volume/index.js');
    for (const name of made.volumes)
      await removeVolume(store, name, { force: true }).catch((error: Error) =>
        log.warn(`kube play: rolling back volume ${name}: ${error.message}`),
      );
  }
  for (const hostPath of made.hostPaths) rmSync(hostPath, { recursive: true, force: true });
}

export async function playKube(
  store: Store,
  manifest: KubeManifest,
  options: KubePlayOptions = {},
): Promise<KubePlayResult> {
  const plan = planKubePlay(manifest);
  const result: KubePlayResult = { pods: [], createdVolumes: [] };
  if (options.replace)
    result.replaced = await downKubePods(
      store,
      plan.pods.map((p) => p.name),
    );
  else
    for (const pod of plan.pods)
      if (findPod(store.db, pod.name)?.name === pod.name)
        throw new KubeError(
          `adding pod to state: name "${pod.name}" is in use: pod already exists: remove it (berth kube down ${manifest.file}) or play with --replace`,
        );

  // Images first: nothing is made until every image is here.
  const resolve =
    options.resolveImage ??
    ((image: string, policy: PullPolicy) => resolveKubeImage(store, image, policy, options));
  const images = new Map<string, ResolvedImage>();
  for (const pod of plan.pods)
    for (const container of pod.containers) {
      const key = `${container.pullPolicy} ${container.request.image}`;
      if (images.has(key)) continue;
      try {
        images.set(key, await resolve(container.request.image, container.pullPolicy));
      } catch (error) {
        throw new KubeError(
          `image ${container.request.image} of container ${container.kubeName} in pod ${pod.name}: ${(error as Error).message}`,
        );
      }
    }

  const made: Made = { pods: [], volumes: [], hostPaths: [] };
  let step = '';
  try {
    for (const pod of plan.pods)
      for (const hostPath of pod.hostPaths) {
        step = `preparing hostPath ${hostPath.path} of pod ${pod.name}`;
        prepareHostPath(hostPath, made);
      }
    for (const volume of plan.volumes) {
      step = `preparing volume ${volume.name}`;
      await prepareVolume(store, volume, made);
    }
    for (const pod of plan.pods) {
      step = `creating pod ${pod.name}`;
      const record = await createPod(store, {
        name: pod.name,
        publish: pod.publish,
        labels: pod.labels,
        hostname: pod.hostname,
        networkMode: pod.networkMode,
        createCommand: options.createCommand,
      });
      made.pods.push(record.id);
      const played: PlayedPod = { id: record.id, name: record.name, containerIds: [] };
      for (const container of pod.containers) {
        step = `creating container ${container.kubeName} of pod ${pod.name}`;
        const image = images.get(`${container.pullPolicy} ${container.request.image}`)!;
        const created = await createContainer(store, {
          ...container.request,
          pod: record.id,
          imageId: image.imageId,
          searchRegistries: image.searchRegistries,
        });
        played.containerIds.push(created.id);
      }
      result.pods.push(played);
    }
    if (options.start ?? true)
      for (const pod of result.pods) {
        step = `starting pod ${pod.name}`;
        await startPod(store, pod.id);
      }
  } catch (error) {
    await rollBack(store, made);
    throw new KubeError(
      `${step} from ${manifest.file}: ${(error as Error).message} (everything this play created was removed)`,
    );
  }
  result.createdVolumes = made.volumes;
  return result;
}
