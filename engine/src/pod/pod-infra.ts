// The infra container of a pod: catatonit in pause mode (`catatonit -P`), holding the pod's shared
// namespaces. Like podman's local `podman-pause` image, its root filesystem is a one-layer image
// made once per store from the host's (static) catatonit binary, so no registry is needed.
import { spawn } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createContainer } from '../container/create-container.js';
import type { ContainerRecord } from '../container/container-records.js';
import { lookupImage } from '../image/image-lookup.js';
import { withLock } from '../state/object-lock.js';
import type { Store } from '../state/store.js';
import { findExecutable } from '../util/find-executable.js';
import { PodError } from './pod-lookup.js';
import type { PodRecord } from './pod-records.js';

export const PAUSE_IMAGE = 'localhost/berth-pause:latest';
/** Seconds the infra gets to stop: catatonit exits on SIGTERM at once. */
const INFRA_STOP_TIMEOUT = 10;

async function pauseImageTarball(dir: string, catatonit: string): Promise<string> {
  const root = path.join(dir, 'rootfs');
  await mkdir(root);
  for (const sub of ['dev', 'proc', 'sys', 'etc', 'run', 'tmp']) await mkdir(path.join(root, sub));
  await copyFile(catatonit, path.join(root, 'catatonit'));
  const tarball = path.join(dir, 'pause.tar');
  await new Promise<void>((resolve, reject) => {
    const tar = spawn('tar', ['--numeric-owner', '--owner=0', '--group=0', '-C', root, '-cf', tarball, '.'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    tar.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    tar.on('error', reject);
    tar.on('close', (code) =>
      code === 0 ? resolve() : reject(new PodError(`making the pause image's layer: tar: ${stderr.trim()}`)),
    );
  });
  return tarball;
}

/** The pause image's ID, importing it on first use (once per store, under a lock). */
export async function ensurePauseImage(store: Store): Promise<string> {
  const existing = lookupImage(store.db, PAUSE_IMAGE);
  if (existing) return existing.id;
  return withLock(store.db, 'image:berth-pause', async () => {
    const again = lookupImage(store.db, PAUSE_IMAGE);
    if (again) return again.id;
    const catatonit = findExecutable('catatonit');
    if (!catatonit)
      throw new PodError(
        'the infra container of a pod needs catatonit: install it (apt-get install catatonit) or use --infra=false',
      );
    const dir = await mkdtemp(path.join(tmpdir(), 'berth-pause-'));
    try {
      const tarball = await pauseImageTarball(dir, catatonit);
      // Loaded on first use only: importing pulls in the archive and HTTP stacks, which every
      // later `pod create` (the pause image already stored) would otherwise load for nothing.
      const { importImage } = await import('../image/import-image.js');
      return await importImage(store, {
        input: tarball,
        reference: PAUSE_IMAGE,
        changes: ['ENTRYPOINT ["/catatonit", "-P"]'],
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
}

/** Creates the pod's infra container (`<pod ID[:12]>-infra`), with the pod's ports and hostname. */
export async function createInfraContainer(store: Store, pod: PodRecord): Promise<ContainerRecord> {
  const imageId = await ensurePauseImage(store);
  const sharesNet = pod.config.share.includes('net');
  return createContainer(store, {
    image: PAUSE_IMAGE,
    imageId,
    name: `${pod.id.slice(0, 12)}-infra`,
    hostname: pod.config.share.includes('uts') ? pod.config.hostname : undefined,
    networkMode: sharesNet ? pod.config.networkMode : undefined,
    publish: sharesNet ? pod.config.publish : [],
    stopTimeout: INFRA_STOP_TIMEOUT,
    pod: pod.id,
    podInfra: true,
  });
}
