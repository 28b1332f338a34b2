// The containers domain of the contract on a local store: each call maps to the container
// domain's functions (the same ones the CLI uses), and its errors to the contract's codes.
import type { DomainCalls, EngineStreams, StreamParams } from '../contract/engine-contract.js';
import type {
  ContainerInspect,
  ContainerLogLine,
  ContainerPort,
  ContainerStatsSample,
  ContainerSummary,
} from '../contract/container-types.js';
import { loadRegistriesConf } from '../config/registries-conf.js';
import { CreateRequestError, type CreateContainerRequest } from '../container/create-container.js';
import {
  createContainer,
  killContainer,
  pauseContainer,
  removeContainer,
  restartContainer,
  startContainer,
  stopContainer,
} from '../container/container-lifecycle.js';
import { inspectContainer } from '../container/container-inspect.js';
import { ContainerFilterError, listContainers, summarizeContainer } from '../container/container-list.js';
import { NoSuchContainerError, requireContainer } from '../container/container-lookup.js';
import { InvalidContainerNameError } from '../container/container-names.js';
import { containerPaths } from '../container/container-paths.js';
import { parsePublish, PortSpecError, publishedPorts } from '../container/container-ports.js';
import { pruneContainers } from '../container/container-prune.js';
import { ContainerNameInUseError, type ContainerRecord } from '../container/container-records.js';
import { ContainerRunningError } from '../container/container-remove.js';
import { renameContainer } from '../container/container-rename.js';
import { ContainerStateError } from '../container/container-start.js';
import { sampleContainerStats, type StatsSample } from '../container/container-stats.js';
import { syncContainer } from '../container/container-sync.js';
import { containerTop } from '../container/container-top.js';
import { MountFlagError, parseVolumeFlag } from '../container/mount-flags.js';
import { RestartPolicyError } from '../container/restart-policy.js';
import { ContainerStartError } from '../container/start-failure.js';
import { InputTimeError, parseInputTime } from '../events/event-time.js';
import { ImageNotFoundError } from '../image/image-errors.js';
import { readContainerLogs } from '../runtime/k8s-file-log.js';
import { EngineError, type WireErrorCode } from '../service/engine-error.js';
import type { Store } from '../state/store.js';
import { attachTerminal, execTerminal } from './container-terminals.js';

type ContainerCalls = DomainCalls<'containers'>;
type ContainerStreams = Pick<
  EngineStreams,
  'containers.logs' | 'containers.stats' | 'containers.terminal' | 'containers.attach'
>;

/**
 * inotify wakes a log follower as soon as conmon writes; the poll only notices the container's
 * exit (its exit file is elsewhere) and file systems where inotify stays silent.
 */
const LOG_POLL_MS = 1000;

export function containerErrorCode(error: unknown): WireErrorCode | undefined {
  if (error instanceof NoSuchContainerError || error instanceof ImageNotFoundError) return 'not-found';
  if (
    error instanceof ContainerNameInUseError ||
    error instanceof ContainerRunningError ||
    error instanceof ContainerStateError
  )
    return 'conflict';
  if (
    error instanceof CreateRequestError ||
    error instanceof InvalidContainerNameError ||
    error instanceof MountFlagError ||
    error instanceof PortSpecError ||
    error instanceof RestartPolicyError ||
    error instanceof ContainerFilterError ||
    error instanceof InputTimeError
  )
    return 'invalid-input';
  if (error instanceof ContainerStartError) return 'engine';
  // The container domain's other errors carry the CLI's exit code: they are the engine's.
  if (error instanceof Error && typeof (error as { exitCode?: unknown }).exitCode === 'number')
    return 'engine';
  return undefined;
}

function portsOf(record: ContainerRecord): ContainerPort[] | null {
  if (record.config.publish.length === 0) return null;
  try {
    return publishedPorts(record.config.publish).map((m) => ({
      host_ip: m.hostIp,
      host_port: m.hostPort,
      container_port: m.containerPort,
      protocol: m.protocol,
      range: m.range,
    }));
  } catch {
    return null; // recorded by an older version in a form we no longer parse: show none
  }
}

/** podman's ps JSON for one container, with its published ports. */
export function containerSummary(record: ContainerRecord): ContainerSummary {
  const summary: Omit<ContainerSummary, 'Ports'> = summarizeContainer(record);
  return { ...summary, Ports: portsOf(record) };
}

function createRequest(
  input: Parameters<ContainerCalls['containers.create']>[0],
  searchRegistries: readonly string[],
): CreateContainerRequest {
  // Port specs fail here with a clear message rather than at start.
  for (const spec of input.ports) parsePublish(spec);
  return {
    image: input.image,
    searchRegistries,
    name: input.name,
    command: input.command.length > 0 ? input.command : undefined,
    env: input.env,
    // Relative bind sources are refused by the contract: there is no working directory here.
    mounts: input.volumes.map((spec) => parseVolumeFlag(spec, '/')),
    publish: input.ports,
    restartPolicy: input.restartPolicy,
    tty: input.tty,
    interactive: input.interactive,
  };
}

export function containerCalls(store: () => Store): ContainerCalls {
  const summaryAfter = async (work: Promise<ContainerRecord>) => containerSummary(await work);
  return {
    'containers.list': async ({ all, filters }) =>
      (await listContainers(store(), { all, filters })).map(containerSummary),
    'containers.inspect': async ({ container }) => {
      const s = store();
      const record = await syncContainer(s, requireContainer(s.db, container));
      return inspectContainer(s, record) as ContainerInspect;
    },
    'containers.create': async (input) => {
      const s = store();
      const record = await createContainer(
        s,
        createRequest(input, loadRegistriesConf().unqualifiedSearchRegistries),
      );
      if (!input.start) return containerSummary(record);
      try {
        return containerSummary(await startContainer(s, record.id));
      } catch (error) {
        throw new EngineError(
          `container ${record.name} was created but did not start: ${(error as Error).message}`,
          containerErrorCode(error) ?? 'engine',
          { cause: error },
        );
      }
    },
    'containers.start': ({ container }) => summaryAfter(startContainer(store(), container)),
    'containers.stop': ({ container, timeout }) =>
      summaryAfter(stopContainer(store(), container, { timeout })),
    'containers.restart': ({ container, timeout }) =>
      summaryAfter(restartContainer(store(), container, timeout)),
    'containers.kill': ({ container, signal }) =>
      summaryAfter(killContainer(store(), container, signal.replace(/^SIG/, ''))),
    'containers.pause': ({ container }) => summaryAfter(pauseContainer(store(), container, true)),
    'containers.unpause': ({ container }) => summaryAfter(pauseContainer(store(), container, false)),
    'containers.remove': async ({ container, force, volumes }) => ({
      id: (await removeContainer(store(), container, { force, volumes })).id,
    }),
    'containers.rename': ({ container, name }) => summaryAfter(renameContainer(store(), container, name)),
    'containers.prune': async ({ filters }) => {
      const report = await pruneContainers(store(), filters);
      return { removed: report.removed, errors: report.errors };
    },
    'containers.top': ({ container, args }) => containerTop(store(), container, args),
  };
}

export async function* containerLogs(
  store: Store,
  input: StreamParams<'containers.logs'>,
  signal: AbortSignal,
): AsyncGenerator<ContainerLogLine> {
  const record = await syncContainer(store, requireContainer(store.db, input.container));
  const paths = containerPaths(store.paths, record.id);
  const running = record.state.status === 'running' || record.state.status === 'paused';
  for await (const entry of readContainerLogs(paths.logPath, {
    tail: input.tail >= 0 ? input.tail : undefined,
    since: input.since !== undefined ? parseInputTime(input.since, true) : undefined,
    follow: input.follow && running,
    exitFile: paths.exitFile,
    conmonPid: record.state.conmonPid || undefined,
    signal,
    pollMs: LOG_POLL_MS,
  }))
    yield { stream: entry.stream, time: entry.time, text: entry.text, complete: entry.complete };
}

/** Waits `ms`, or less when the signal aborts. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

async function* containerStats(
  store: Store,
  input: StreamParams<'containers.stats'>,
  signal: AbortSignal,
): AsyncGenerator<ContainerStatsSample> {
  const id = requireContainer(store.db, input.container).id;
  let previous: StatsSample | undefined;
  while (!signal.aborted) {
    // Re-read each time: the container may have been stopped, restarted or removed meanwhile.
    const sample = await sampleContainerStats(store, requireContainer(store.db, id), previous);
    previous = { cpuNano: sample.cpuNano, systemNano: sample.systemNano };
    const { cpuNano: _cpuNano, ...item } = sample;
    yield item;
    await pause(input.intervalMs, signal);
  }
}

export function containerStreams(store: () => Store): ContainerStreams {
  return {
    'containers.logs': (input, { signal }) => containerLogs(store(), input, signal),
    'containers.stats': (input, { signal }) => containerStats(store(), input, signal),
    'containers.terminal': (input, context) => execTerminal(store(), input, context),
    'containers.attach': (input, context) => attachTerminal(store(), input, context),
  };
}
