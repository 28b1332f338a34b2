// RUN: the command runs in a real container of the step's parent image, through the same create,
// start and wait as `berth run` (runc under conmon), its output streamed as it comes. The
// container's upper dir then becomes the step's layer (overlay whiteouts as OCI `.wh.` entries,
// the runtime's mount points left out, as commit does), and the container is removed whatever
// happened, so a failed build leaves no container and no mount behind.
import { randomBytes } from 'node:crypto';
import { isRootless } from '../config/store-paths.js';
import { RUNTIME_MADE } from '../container/container-commit.js';
import { removeContainer, startContainer, waitForContainer } from '../container/container-lifecycle.js';
import { killContainer } from '../container/container-stop.js';
import { containerPaths } from '../container/container-paths.js';
import { createContainer } from '../container/create-container.js';
import { packTree } from '../container/tree-archive.js';
import type { LayerStore } from '../image/layer-store.js';
import { openAttachSession, type AttachSession } from '../runtime/attach.js';
import type { Store } from '../state/store.js';
import { BuildError, BuildStepFailedError } from './build-errors.js';
import type { BuildEventListener } from './build-events.js';

export interface RunStepRequest {
  /** The parent image. */
  imageId: string;
  argv: string[];
  /** Build args in effect (NAME=value), under the image's own ENV. */
  env: string[];
  workdir: string;
  user: string;
  network: string;
  /** `RUN false` as written, for errors. */
  step: string;
  /** Kills the step's container: a cancelled build must not wait for a long RUN. */
  signal?: AbortSignal;
}

/** Runs the command; returns the diff ID of the layer it made. */
export async function runStep(
  store: Store,
  layers: LayerStore,
  request: RunStepRequest,
  emit: BuildEventListener,
): Promise<string> {
  const record = await createContainer(store, {
    image: request.imageId,
    imageId: request.imageId,
    name: `berth-build-${randomBytes(6).toString('hex')}`,
    command: request.argv,
    // The image's ENTRYPOINT does not wrap RUN commands.
    entrypoint: [''],
    env: request.env,
    workdir: request.workdir || undefined,
    user: request.user || undefined,
    networkMode: request.network,
    labels: { 'io.berth.build': 'true' },
  });
  let session: AttachSession | undefined;
  let failed = true;
  try {
    try {
      await startContainer(store, record.id, {
        // This process removes the container itself: its exit command need not start Node.
        cleanupOwner: true,
        beforeStart: async (_record, paths) => {
          session = await openAttachSession(paths.attachSocket);
        },
      });
    } catch (error) {
      throw new BuildError(
        `building at STEP "${request.step}": while running runtime: ${(error as Error).message}`,
        {
          cause: error,
        },
      );
    }
    const kill = () => void killContainer(store, record.id, 'KILL').catch(() => undefined);
    request.signal?.addEventListener('abort', kill, { once: true });
    if (request.signal?.aborted) kill();
    try {
      for await (const chunk of session!.output)
        emit({ type: 'output', stream: chunk.stream, data: chunk.data.toString('utf8') });
    } finally {
      request.signal?.removeEventListener('abort', kill);
    }
    request.signal?.throwIfAborted();
    const exited = await waitForContainer(store, record.id);
    const code = exited.state.exitCode;
    if (code !== 0)
      throw new BuildStepFailedError(
        `building at STEP "${request.step}": while running runtime: exit status ${code}`,
        code,
      );
    const ingested = await layers.ingest({
      what: `the changes of "${request.step}"`,
      privileged: !isRootless(),
      open: async () =>
        packTree({
          source: containerPaths(store.paths, record.id).upperDir,
          name: '',
          skip: (rel) => RUNTIME_MADE.has(rel),
          ociWhiteouts: true,
        }),
    });
    failed = false;
    return ingested.info.diffId;
  } finally {
    session?.close();
    // A failed removal must not hide the step's own error.
    const removed = removeContainer(store, record.id, { force: true, volumes: true });
    if (failed) await removed.catch(() => undefined);
    else await removed;
  }
}
