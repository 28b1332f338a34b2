// `commit`: a new image from a container: the image's layers plus one new layer made from the
// container's upper dir (overlay whiteouts turned into OCI `.wh.` entries, the runtime's mount
// points left out), and a config that carries the container's command, entrypoint, env, user,
// workdir, labels and ports, then the --change instructions. The layer and the image go through the
// image domain (LayerStore.ingest, recordImage) like a pull, so `run`, `images`, `push` and `save`
// treat the result as any other image. A running container is paused meanwhile (--pause, the
// default), so the layer is one consistent moment.
import { isRootless } from '../config/store-paths.js';
import { applyChanges, type RunConfig } from '../image/config-changes.js';
import { recordImage, removeUnusedLayers, sha256Digest } from '../image/image-commit.js';
import { ImageError } from '../image/image-errors.js';
import { normalizeNewName } from '../image/image-names.js';
import { getImageRecord } from '../image/image-records.js';
import { buildManifest, type LayerBlob } from '../image/manifest-build.js';
import { parseImageConfig, type ImageConfig } from '../image/manifest.js';
import { imageStores, readStoredImage } from '../image/stored-image.js';
import { appendEvent } from '../events/append-event.js';
import type { Store } from '../state/store.js';
import { containerEvent } from './container-events.js';
import { withContainerLock } from './container-lock.js';
import { requireContainer } from './container-lookup.js';
import { containerPaths } from './container-paths.js';
import { saveContainerState, type ContainerRecord } from './container-records.js';
import { withContainerRootfsLocked } from './container-rootfs-access.js';
import { runtimeFor } from './container-runtime.js';
import { ContainerStateError } from './container-start.js';
import { syncContainer } from './container-sync.js';
import { packTree } from './tree-archive.js';

export interface CommitOptions {
  /** The new image's name; none leaves it unnamed (<none>). */
  reference?: string;
  changes?: readonly string[];
  message?: string;
  author?: string;
  /** Pause a running container while its layer is read (default true). */
  pause?: boolean;
  /** Manifest and config flavour: OCI (default) or Docker schema 2 ("docker"). */
  format?: 'oci' | 'docker';
  /** The container's volumes become the image's VOLUMEs. */
  includeVolumes?: boolean;
  /** One layer with the whole filesystem instead of the image's layers plus one. */
  squash?: boolean;
  /** Progress lines as podman prints them ("Copying blob ..."). */
  onProgress?: (line: string) => void;
}

/** Upper-dir paths the runtime made (mount points, bind-mounted /etc files): not the user's changes. */
export const RUNTIME_MADE = new Set([
  'dev',
  'proc',
  'sys',
  'etc/hostname',
  'etc/hosts',
  'etc/mtab',
  'etc/resolv.conf',
  'run/.containerenv',
]);

function containerRunConfig(record: ContainerRecord, base: RunConfig, includeVolumes: boolean): RunConfig {
  const { config } = record;
  const exposed: Record<string, object> = { ...(base.ExposedPorts ?? {}) };
  for (const port of config.exposedPorts) exposed[port] = {};
  for (const spec of config.publish) {
    const match = /(\d+)(?:-\d+)?(?:\/(\w+))?$/.exec(spec);
    if (match) exposed[`${match[1]}/${match[2] ?? 'tcp'}`] = {};
  }
  const volumes: Record<string, object> = { ...(base.Volumes ?? {}) };
  if (includeVolumes)
    for (const mount of config.mounts) if (mount.type === 'volume') volumes[mount.destination] = {};
  const next: RunConfig = {
    ...base,
    Env: config.env,
    Cmd: config.command.length > 0 ? config.command : undefined,
    Entrypoint: config.entrypoint.length > 0 ? config.entrypoint : undefined,
    WorkingDir: config.workdir || base.WorkingDir,
    User: config.user || base.User,
    Labels: { ...(base.Labels ?? {}), ...config.labels },
  };
  if (Object.keys(exposed).length > 0) next.ExposedPorts = exposed;
  if (Object.keys(volumes).length > 0) next.Volumes = volumes;
  for (const key of Object.keys(next)) if (next[key] === undefined) delete next[key];
  return next;
}

/** Commits a container; returns the new image's ID (hex). */
export async function commitContainer(
  store: Store,
  input: string,
  options: CommitOptions = {},
): Promise<string> {
  const format = options.format ?? 'oci';
  if (options.message && format !== 'docker')
    throw new ImageError('messages are only compatible with the docker image format (-f docker)');
  // Validate what the user typed before any work.
  applyChanges({}, options.changes ?? []);
  const names = options.reference ? [normalizeNewName(options.reference)] : [];
  const progress = options.onProgress ?? (() => {});
  const found = requireContainer(store.db, input);
  const { layers, blobs } = imageStores(store);
  const created: string[] = [];
  try {
    return await withContainerLock(store, found.id, async () => {
      let record = await syncContainer(store, requireContainer(store.db, found.id));
      const image = getImageRecord(store.db, record.imageId);
      if (!image)
        throw new ContainerStateError(
          `the image ${record.imageId.slice(0, 12)} of container ${record.name} is gone from the store: it cannot be committed`,
        );
      const stored = readStoredImage(layers, blobs, image);
      const baseConfig = parseImageConfig(stored.configBody, `the config of image ${image.id.slice(0, 12)}`);
      const paused = record.state.status === 'running' && options.pause !== false;
      const runtime = runtimeFor(store.paths, record.runtime);
      if (paused) {
        await runtime.pause(record.id);
        record = { ...record, state: { ...record.state, status: 'paused' } };
        saveContainerState(store.db, record.id, record.state);
        containerEvent(store, 'pause', record);
      }
      let newLayer;
      try {
        progress('Getting image source signatures');
        const what = `the changes of container ${record.name}`;
        const open = options.squash
          ? undefined
          : async () =>
              packTree({
                source: containerPaths(store.paths, record.id).upperDir,
                name: '',
                skip: (rel) => RUNTIME_MADE.has(rel),
                ociWhiteouts: true,
              });
        newLayer = open
          ? await layers.ingest({ what, privileged: !isRootless(), open })
          : await withContainerRootfsLocked(store, record, ({ rootfs }) =>
              layers.ingest({
                what,
                privileged: !isRootless(),
                open: async () =>
                  packTree({ source: rootfs, name: '', skip: (rel) => RUNTIME_MADE.has(rel) }),
              }),
            );
        if (newLayer.created) created.push(newLayer.info.diffId);
      } finally {
        if (paused) {
          await runtime.resume(record.id);
          record = { ...record, state: { ...record.state, status: 'running' } };
          saveContainerState(store.db, record.id, record.state);
          containerEvent(store, 'unpause', record);
        }
      }
      const baseLayers = options.squash ? [] : stored.layers;
      for (const layer of baseLayers) progress(`Copying blob ${layer.info.compressedDigest}`);
      progress(`Copying blob ${newLayer.info.compressedDigest}`);
      const now = new Date().toISOString();
      const runConfig = applyChanges(
        containerRunConfig(record, (baseConfig.config ?? {}) as RunConfig, options.includeVolumes ?? false),
        options.changes ?? [],
      );
      const history = [
        ...(options.squash ? [] : (baseConfig.history ?? [])),
        {
          created: now,
          created_by: [...record.config.entrypoint, ...record.config.command].join(' ') || '/bin/sh',
          ...(options.author ? { author: options.author } : {}),
          comment: options.message ?? `FROM ${record.config.imageName}`,
        },
      ];
      const config: ImageConfig = {
        ...baseConfig,
        created: now,
        ...(options.author ? { author: options.author } : {}),
        ...(options.message ? { comment: options.message } : {}),
        config: runConfig,
        rootfs: {
          type: 'layers',
          diff_ids: [...baseLayers.map((l) => l.diffId), newLayer.info.diffId],
        },
        history,
      };
      const configBody = Buffer.from(JSON.stringify(config));
      const configDigest = sha256Digest(configBody);
      progress(`Copying config ${configDigest}`);
      const blobsOut: LayerBlob[] = [
        ...baseLayers,
        { diffId: newLayer.info.diffId, info: newLayer.info },
      ].map((l) => ({
        digest: l.info.compressedDigest,
        size: l.info.compressedSize,
        compression: l.info.compression,
      }));
      const manifest = buildManifest(
        format === 'docker' ? 'v2s2' : 'oci',
        { digest: configDigest, size: configBody.length },
        blobsOut,
      );
      progress('Writing manifest to image destination');
      const imageId = await recordImage(store, layers, blobs, {
        manifests: [{ digest: sha256Digest(manifest.body), body: manifest.body }],
        manifestMediaType: manifest.mediaType,
        configBody,
        config: parseImageConfig(configBody, 'the new config'),
        names,
        what: `committing container ${record.name}`,
        retry: 'run the commit again',
      });
      progress('Storing signatures');
      containerEvent(store, 'commit', record, { imageID: imageId });
      for (const name of names) appendEvent(store, { Type: 'image', Status: 'tag', ID: imageId, Name: name });
      return imageId;
    });
  } catch (error) {
    await removeUnusedLayers(store, layers, created);
    throw error;
  }
}
