// The two terminals of the containers domain, as duplex streams: `containers.terminal` runs a
// shell with a TTY through an exec session (its own conmon) and ends that session, process and
// conmon, when the client goes away; `containers.attach` connects to the container's own TTY
// and only detaches when the client goes away. Input is text (keystrokes, pastes) and resizes;
// output is text, decoded as UTF-8 across packet boundaries, then the exit code.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { StreamContext, StreamParams } from '../contract/engine-contract.js';
import type { TerminalInput, TerminalOutput } from '../contract/terminal-io.js';
import { execInContainer } from '../container/container-exec.js';
import { requireContainer } from '../container/container-lookup.js';
import { containerPaths } from '../container/container-paths.js';
import { ContainerStateError } from '../container/container-start.js';
import { syncContainer } from '../container/container-sync.js';
import { waitForContainer } from '../container/container-wait.js';
import { openAttachSession, type AttachSession } from '../runtime/attach.js';
import { resizeTerminal } from '../runtime/ctl-fifo.js';
import { isProcessAlive } from '../runtime/process-status.js';
import type { Store } from '../state/store.js';

/** How long a shell gets to exit after SIGHUP before it is killed. */
const HANGUP_GRACE_MS = 500;
/** How long conmon gets to notice its process is gone before it is killed too. */
const MONITOR_GRACE_MS = 2000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function tryResize(ctlFifo: string, size: { cols: number; rows: number }): void {
  try {
    resizeTerminal(ctlFifo, size);
  } catch {
    // the session just ended: nothing to resize
  }
}

/** Feeds what the client sends into the session until the stream ends. */
function pumpInput(
  incoming: AsyncIterable<TerminalInput>,
  session: AttachSession,
  options: { acceptData: boolean; resize?: (size: { cols: number; rows: number }) => void },
): void {
  void (async () => {
    for await (const message of incoming) {
      if (message.type === 'data') {
        if (options.acceptData) await session.write(message.data);
      } else options.resize?.(message);
    }
  })().catch(() => undefined);
}

async function* textOutput(session: AttachSession): AsyncGenerator<TerminalOutput> {
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of session.output) {
    const data = decoder.decode(chunk.data, { stream: true });
    if (data) yield { type: 'data', data };
  }
  const rest = decoder.decode();
  if (rest) yield { type: 'data', data: rest };
}

function pidFileValue(file: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(file, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Whether `pid` is still the conmon of this exec session (PIDs get reused). */
function isSessionMonitor(pid: number, sessionDir: string): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes(sessionDir);
  } catch {
    return false;
  }
}

function signalProcess(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}

export async function* execTerminal(
  store: Store,
  input: StreamParams<'containers.terminal'>,
  context: StreamContext<TerminalInput>,
): AsyncGenerator<TerminalOutput> {
  const { signal } = context;
  signal.throwIfAborted();
  let session: AttachSession | undefined;
  let sessionDir = '';
  const started = await execInContainer(store, input.container, {
    args: input.command,
    env: ['TERM=xterm-256color'],
    user: input.user,
    workdir: input.workdir,
    terminal: true,
    interactive: true,
    onAttachReady: async (paths) => {
      sessionDir = path.dirname(paths.attachSocket);
      session = await openAttachSession(paths.attachSocket);
    },
  });
  const attach = session!;
  const { pid, paths } = started.session;
  // The client went away: hang the shell up (as closing a terminal window does) and close the
  // connection, which ends the output loop below.
  const hangUp = () => {
    signalProcess(pid, 'SIGHUP');
    attach.close();
  };
  signal.addEventListener('abort', hangUp, { once: true });
  try {
    tryResize(paths.ctlFifo, input);
    pumpInput(context.incoming, attach, {
      acceptData: true,
      resize: (size) => tryResize(paths.ctlFifo, size),
    });
    yield* textOutput(attach);
    if (!signal.aborted) yield { type: 'exit', code: await started.session.exitCode };
  } finally {
    signal.removeEventListener('abort', hangUp);
    attach.close();
    await endExecSession(pid, paths.conmonPidFile, sessionDir, started.session.exitCode);
    await started.dispose();
  }
}

/** Makes sure the exec'd process and its conmon are gone. */
async function endExecSession(
  pid: number,
  conmonPidFile: string,
  sessionDir: string,
  exitCode: Promise<number>,
): Promise<void> {
  const exited = exitCode.then(
    () => true,
    () => true,
  );
  const within = (ms: number) => Promise.race([exited, sleep(ms).then(() => false)]);
  if (!(await within(10)) && isProcessAlive(pid)) {
    signalProcess(pid, 'SIGHUP');
    if (!(await within(HANGUP_GRACE_MS))) signalProcess(pid, 'SIGKILL');
  }
  if (await within(MONITOR_GRACE_MS)) return;
  const monitor = pidFileValue(conmonPidFile);
  if (monitor !== undefined && isSessionMonitor(monitor, sessionDir)) signalProcess(monitor, 'SIGKILL');
}

export async function* attachTerminal(
  store: Store,
  input: StreamParams<'containers.attach'>,
  context: StreamContext<TerminalInput>,
): AsyncGenerator<TerminalOutput> {
  const { signal } = context;
  const record = await syncContainer(store, requireContainer(store.db, input.container));
  if (record.state.status !== 'running')
    throw new ContainerStateError(
      `you can only attach to running containers: ${record.name} is ${record.state.status}: start it first`,
    );
  const paths = containerPaths(store.paths, record.id);
  const session = await openAttachSession(paths.attachSocket, { signal });
  try {
    const resize = record.config.tty
      ? (size: { cols: number; rows: number }) => tryResize(paths.ctlFifo, size)
      : undefined;
    if (resize && input.cols && input.rows) resize({ cols: input.cols, rows: input.rows });
    pumpInput(context.incoming, session, { acceptData: record.config.interactive, resize });
    yield* textOutput(session);
    if (!signal.aborted) {
      const exited = await waitForContainer(store, record.id, { signal });
      yield { type: 'exit', code: exited.state.exitCode };
    }
  } finally {
    session.close();
  }
}
