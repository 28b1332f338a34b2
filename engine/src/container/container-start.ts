// Bringing a container up: `init` makes it exist in the runtime (rootfs mounted, volumes ready,
// /etc files and config.json written, `runc create` under a new conmon), `start` runs its
// process. Both run under the container's object lock; a half-done earlier attempt (a CLI killed
// in the middle) is cleaned up first, so that start is always safe to retry.
import { existsSync, mkdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { getImageRecord } from '../image/image-records.js';
import { setupContainerNetwork } from '../network/container-network.js';
import { stopMonitorNow } from '../runtime/container-cleanup.js';
import { createContainerWithConmon } from '../runtime/conmon.js';
import { rewriteEtcFiles, writeEtcFiles } from '../runtime/etc-files.js';
import { podNamespacesFor, startPodInfraFor } from '../pod/pod-join.js';
import { generateOciSpec, writeOciSpec } from '../runtime/oci-spec.js';
import type { OciRuntime } from '../runtime/oci-runtime.js';
import type { Store } from '../state/store.js';
import { findExecutable } from '../util/find-executable.js';
import { log } from '../util/logger.js';
import { containerEvent } from './container-events.js';
import { containerPaths, type ContainerPaths } from './container-paths.js';
import { getContainerRecord, saveContainerState, type ContainerRecord } from './container-records.js';
import { mountContainerRootfs } from './container-rootfs.js';
import { runtimeFor } from './container-runtime.js';
import { containerDescription } from './container-spec.js';
import { teardownContainerRuntime } from './container-teardown.js';
import { prepareContainerVolumes } from './container-volumes.js';
import { classifyStartFailure } from './start-failure.js';
import { claimCleanup, cleanupOwnerFile, containerExitCommand } from './exit-command.js';

export class ContainerStateError extends Error {
  readonly exitCode = 125;
}

export interface StartOptions {
  /**
   * Called once the container exists in the runtime and before its process starts: connect to
   * the attach socket here so that no output is missed.
   */
  beforeStart?: (record: ContainerRecord, paths: ContainerPaths) => Promise<void>;
  /**
   * This process will remove the container itself when it exits (a foreground `run --rm`): the
   * exit command then does nothing. See exit-command.ts.
   */
  cleanupOwner?: boolean;
  /**
   * An attached client will hold stdin (`run -i`, `start -a -i`): its disconnect is the
   * container's end of input. Otherwise stdin stays open for later attaches.
   */
  stdinAttached?: boolean;
  /**
   * Run while the runtime creates the container (this process only waits then): a caller that
   * attaches loads what attaching needs here, off the way to the container's start.
   */
  whileCreating?: () => void;
}

function reload(store: Store, id: string): ContainerRecord {
  const record = getContainerRecord(store.db, id);
  if (!record) throw new ContainerStateError(`container ${id.slice(0, 12)} was removed while starting it`);
  return record;
}

/** Removes what an interrupted or finished earlier run left in the runtime (runc record, exit file). */
async function clearRuntimeLeftovers(runtime: OciRuntime, id: string, paths: ContainerPaths): Promise<void> {
  // A monitor left by an interrupted start must not outlive this: its late exit file or exit
  // command would be taken for the new run's.
  await stopMonitorNow(id, paths.conmonPidFile);
  if (existsSync(path.join(runtime.root, id))) await runtime.delete(id, { force: true });
  await rm(paths.exitFile, { force: true });
  await rm(paths.persistExitFile, { force: true });
}

/** Creates the container in the runtime (status `initialized`). Caller holds the lock. */
export async function initContainer(
  store: Store,
  record: ContainerRecord,
  options: StartOptions = {},
): Promise<ContainerRecord> {
  const { config } = record;
  const paths = containerPaths(store.paths, record.id);
  const runtime = runtimeFor(store.paths, record.runtime);
  const image = getImageRecord(store.db, record.imageId);
  if (!image)
    throw new ContainerStateError(
      `the image ${record.imageId.slice(0, 12)} of container ${record.name} is gone from the store: remove the container and pull the image again`,
    );
  await clearRuntimeLeftovers(runtime, record.id, paths);
  // --- networking: the netns and netavark setup run alongside the rootfs mount, and netavark's
  // wiring (network.wired) goes on while the runtime creates the container in that namespace; it
  // is done before init returns, so before the container's process can run. Whatever fails,
  // everything under way is awaited first, so recordStartFailure's teardown finds nothing still
  // in progress.
  const [mounted, networked] = await Promise.allSettled([
    mountContainerRootfs(store.paths, image, paths),
    setupContainerNetwork(store, record),
  ]);
  const wired = networked.status === 'fulfilled' ? networked.value.wired : undefined;
  if (mounted.status === 'rejected') {
    await wired?.catch(() => undefined);
    throw mounted.reason;
  }
  if (networked.status === 'rejected') throw networked.reason;
  const rootfs = mounted.value;
  const network = networked.value;
  // --- end networking ---
  log.debug(`container ${record.id.slice(0, 12)}: rootfs mounted at ${rootfs}`);
  const etcRequest = {
    runDir: paths.runDir,
    hostname: config.hostname,
    hostNetwork: config.networkMode === 'host',
  };
  let created: Awaited<ReturnType<typeof createContainerWithConmon>>;
  let etcFiles: ReturnType<typeof writeEtcFiles>;
  try {
    etcFiles = writeEtcFiles({ ...etcRequest, ...network.etc });
    const volumePaths = await prepareContainerVolumes(store, record, rootfs);
    if (options.cleanupOwner) claimCleanup(paths.runDir);
    else await rm(cleanupOwnerFile(paths.runDir), { force: true });
    const initBinary = config.init ? findExecutable('catatonit') : undefined;
    if (config.init && !initBinary)
      throw new ContainerStateError('--init needs catatonit: install it (apt-get install catatonit)');
    const spec = generateOciSpec(
      containerDescription({
        id: record.id,
        config,
        rootfs,
        etcFiles,
        volumePaths,
        initBinary,
        rootless: store.paths.rootless,
        // pods: a member also joins the infra's ipc/uts(/pid) namespaces (engine/src/pod/pod-join.ts)
        namespaces: {
          ...(network.namespace ? { network: network.namespace } : {}),
          ...podNamespacesFor(store, record),
        },
      }),
    );
    mkdirSync(paths.bundleDir, { recursive: true, mode: 0o700 });
    writeOciSpec(paths.bundleDir, spec);
    log.debug(`container ${record.id.slice(0, 12)}: volumes, /etc files and config.json ready`);
    created = await createContainerWithConmon({
      id: record.id,
      name: record.name,
      runtime,
      paths,
      terminal: config.tty,
      stdin: config.interactive,
      // An attached client's end of input is the container's EOF only without a terminal (`run -i`
      // with piped input); with a TTY the user detaches and re-attaches to the same shell.
      leaveStdinOpen: config.interactive && (config.tty || !options.stdinAttached),
      logSizeMax: config.logSizeMax,
      ...(options.whileCreating ? { whileCreating: options.whileCreating } : {}),
      exitCommand: containerExitCommand(store.paths, record.id, paths.runDir),
    });
  } catch (error) {
    // A failed wiring undoes the namespace, which can fail the runtime's create too: the wiring's
    // error is the cause to report.
    const wiringError: unknown = await wired?.then(
      () => undefined,
      (e: unknown) => e,
    );
    throw wiringError ?? error;
  }
  // The addresses and DNS servers netavark gave, into the files the runtime has bind-mounted.
  if (wired) rewriteEtcFiles(etcFiles, { ...etcRequest, ...(await wired) });
  log.debug(
    `container ${record.id.slice(0, 12)}: created by ${runtime.name} under conmon ${created.conmonPid}`,
  );
  const state = {
    ...record.state,
    status: 'initialized' as const,
    pid: created.pid,
    conmonPid: created.conmonPid,
    exitCode: 0,
    error: '',
    stoppedByUser: false,
    mountPoint: rootfs,
  };
  saveContainerState(store.db, record.id, state);
  const next = { ...record, state };
  containerEvent(store, 'init', next);
  return next;
}

/**
 * `runtime start`, except that a container the runtime already runs counts as started: a process
 * killed (SIGKILL) between its `runc start` and saving the state left the record `initialized`
 * over a running container, and the next start must take it up rather than fail on it.
 */
async function startInRuntime(runtime: OciRuntime, id: string): Promise<void> {
  try {
    await runtime.start(id);
  } catch (error) {
    const actual = await runtime.state(id).catch(() => undefined);
    if (actual?.status !== 'running') throw error;
    log.debug(`container ${id.slice(0, 12)}: already running in ${runtime.name}; recording it as started`);
  }
}

/** init (when needed) + start. Caller holds the lock. Returns the running record. */
export async function startContainerLocked(
  store: Store,
  input: ContainerRecord,
  options: StartOptions = {},
): Promise<ContainerRecord> {
  let record = reload(store, input.id);
  const status = record.state.status;
  if (status === 'running' || status === 'paused' || status === 'stopping') return record;
  if (status === 'removing')
    throw new ContainerStateError(`container ${record.name} is being removed: it cannot be started`);
  try {
    // pods: the infra container holds the namespaces a member joins, so it starts first.
    if (status !== 'initialized') await startPodInfraFor(store, record);
    if (status !== 'initialized') record = await initContainer(store, record, options);
    const paths = containerPaths(store.paths, record.id);
    if (options.beforeStart) await options.beforeStart(record, paths);
    await startInRuntime(runtimeFor(store.paths, record.runtime), record.id);
  } catch (error) {
    await recordStartFailure(store, record, error as Error);
    throw classifyStartFailure(error as Error);
  }
  log.debug(`container ${record.id.slice(0, 12)}: started`);
  const state = { ...record.state, status: 'running' as const, startedAt: new Date().toISOString() };
  saveContainerState(store.db, record.id, state);
  const next = { ...record, state };
  containerEvent(store, 'start', next);
  return next;
}

/** A failed start leaves the container `created` (retryable) with the error shown by inspect. */
async function recordStartFailure(store: Store, record: ContainerRecord, error: Error): Promise<void> {
  const paths = containerPaths(store.paths, record.id);
  const runtime = runtimeFor(store.paths, record.runtime);
  await runtime.delete(record.id, { force: true }).catch(() => undefined);
  await teardownContainerRuntime(store, record, paths).catch(() => undefined);
  const current = getContainerRecord(store.db, record.id);
  if (!current) return;
  saveContainerState(store.db, record.id, {
    ...current.state,
    status: 'created',
    pid: 0,
    conmonPid: 0,
    error: error.message,
    mountPoint: '',
  });
}
