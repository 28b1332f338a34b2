// Creates containers (and exec sessions) under conmon, the per-container monitor that holds the
// container's stdio, writes its log and exit code, and outlives the process that started it.
// Protocol (measured with conmon 2.1 and runc 1.1 on Debian 12):
//   spawn with fds 3 = sync pipe, 4 = start pipe (+ 5 = attach pipe for exec), env _OCI_*PIPE;
//   conmon waits for one byte on the start pipe, forks (the child we spawned writes the monitor's
//   PID to --conmon-pidfile and exits 0), runs `runc create`, and reports `{"data": pid}` or
//   `{"data": -1, "message": "<runc stderr>"}` on the sync pipe. `runc start` is ours to run.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { findExecutable } from '../util/find-executable.js';
import { ConmonMessageReader, type ConmonMessage } from './conmon-sync-pipe.js';
import type { ContainerRuntimePaths } from './container-runtime-paths.js';
import { readExitFile, waitForExitFile } from './exit-file.js';
import { serializeOciJson } from './oci-json.js';
import type { OciProcess } from './oci-spec-types.js';
import type { OciRuntime } from './oci-runtime.js';
import { waitForProcessGone } from './process-status.js';
import { OciRuntimeError, extractRuntimeMessage } from './runtime-error.js';

export class ConmonNotFoundError extends Error {
  readonly exitCode = 125;
}

export function findConmon(requested?: string): string {
  const found = findExecutable(requested ?? 'conmon');
  if (!found)
    throw new ConmonNotFoundError(
      `conmon not found${requested ? ` at ${requested}` : ''}: install it (apt-get install conmon)`,
    );
  return found;
}

export interface ConmonCreateOptions {
  id: string;
  /** Shown in conmon's logs; defaults to the ID. */
  name?: string;
  runtime: OciRuntime;
  paths: Pick<
    ContainerRuntimePaths,
    'bundleDir' | 'pidFile' | 'conmonPidFile' | 'logPath' | 'exitDir' | 'socketDir'
  >;
  /** Allocate a terminal (-t): every log record is then stdout. */
  terminal?: boolean;
  /** Keep stdin open for attach (-i); otherwise the container's stdin is /dev/null. */
  stdin?: boolean;
  /**
   * With stdin: keep the container's stdin open when an attached client disconnects (detached
   * `run -d -i`, later attaches). Otherwise the first client's disconnect is the container's EOF.
   */
  leaveStdinOpen?: boolean;
  /** conmon restarts the log file empty when it would grow past this (bytes). */
  logSizeMax?: number;
  /** argv run by conmon after the container exited and the exit file is written (cleanup, restart). */
  exitCommand?: string[];
  conmonPath?: string;
  /** Give up on a create that takes longer (default 60 s). */
  timeoutMs?: number;
  /** Run once conmon is spawned, while the runtime creates the container (this process idles). */
  whileCreating?: () => void;
}

export interface CreatedContainer {
  /** The container's init process, as the host sees it. */
  pid: number;
  /** The monitor: alive exactly as long as the container (plus the exit command). */
  conmonPid: number;
}

/** Arguments for a container create (exported for tests and for `inspect`-style debugging). */
export function conmonCreateArgs(options: ConmonCreateOptions): string[] {
  const { id, runtime, paths } = options;
  const args = [
    '--api-version', '1',
    '-c', id,
    '-u', id,
    '-r', runtime.path,
    '-b', paths.bundleDir,
    '-p', paths.pidFile,
    '-n', options.name ?? id,
    '--exit-dir', paths.exitDir,
    '--full-attach',
    '-l', `k8s-file:${paths.logPath}`,
    '--log-level', 'warning',
    '--socket-dir-path', paths.socketDir,
    '--conmon-pidfile', paths.conmonPidFile,
    '--persist-dir', paths.bundleDir,
    // runc's state for Berth's containers lives under the store, not in /run/runc.
    '--runtime-arg', '--root', '--runtime-arg', runtime.root,
  ]; // prettier-ignore
  if (options.terminal) args.push('-t');
  if (options.stdin) args.push('-i');
  if (options.stdin && options.leaveStdinOpen) args.push('--leave-stdin-open');
  if (options.logSizeMax !== undefined && options.logSizeMax > 0)
    args.push('--log-size-max', String(options.logSizeMax));
  if (options.exitCommand && options.exitCommand.length > 0) {
    const [command, ...rest] = options.exitCommand;
    args.push('--exit-command', command!);
    for (const arg of rest) args.push('--exit-command-arg', arg);
  }
  return args;
}

/**
 * Runs `runc create` under a new conmon and returns once the container exists (status
 * `created`): attach now if the first output must not be missed, then call `runtime.start(id)`.
 */
export async function createContainerWithConmon(options: ConmonCreateOptions): Promise<CreatedContainer> {
  const { paths } = options;
  // Synchronously: through the thread pool the three took a millisecond or two of turns of the
  // event loop before conmon could start.
  for (const dir of [paths.exitDir, paths.socketDir, path.dirname(paths.logPath)])
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  const conmon = startConmon(findConmon(options.conmonPath), conmonCreateArgs(options), false);
  options.whileCreating?.();
  try {
    const message = await withTimeout(
      conmon.sync.next(),
      options.timeoutMs ?? 60_000,
      `creating container ${options.id}`,
    );
    await conmon.exited; // the spawned conmon writes conmon.pid, then exits
    if (!message || message.data < 0) {
      throw createFailure(`creating container ${options.id}`, message, conmon);
    }
    return { pid: message.data, conmonPid: readPidFile(paths.conmonPidFile) };
  } catch (error) {
    // conmon exits by itself after a failed create; make sure, so that nothing is left behind.
    await killMonitor(paths.conmonPidFile);
    await options.runtime.delete(options.id, { force: true }).catch(() => undefined);
    throw error;
  } finally {
    conmon.release();
  }
}

export interface ConmonExecOptions {
  containerId: string;
  /** Names the session (`-u`); its files go to sessionDir. */
  sessionId: string;
  runtime: OciRuntime;
  /** A directory of the session's own: process.json, attach socket, ctl fifo, exit dir, log. */
  sessionDir: string;
  /** The container's process with this session's args/env/terminal/cwd/user. */
  process: OciProcess;
  /** Keep stdin open for the attached client (-i). */
  stdin?: boolean;
  /**
   * Called when conmon's attach socket (`<sessionDir>/attach`) is ready and before the process
   * starts: connect there so that no output is missed. Without it the session runs detached.
   */
  onAttachReady?: (paths: ExecSessionPaths) => Promise<void>;
  conmonPath?: string;
  timeoutMs?: number;
}

export interface ExecSessionPaths {
  attachSocket: string;
  ctlFifo: string;
  exitFile: string;
  logPath: string;
  conmonPidFile: string;
}

export interface ExecSession {
  pid: number;
  conmonPid: number;
  paths: ExecSessionPaths;
  /** The exec'd process's exit code. */
  exitCode: Promise<number>;
}

export function execSessionPaths(sessionDir: string, containerId: string): ExecSessionPaths {
  return {
    attachSocket: path.join(sessionDir, 'attach'),
    ctlFifo: path.join(sessionDir, 'ctl'),
    // conmon names the exec exit file after the container: each session has its own exit dir.
    exitFile: path.join(sessionDir, 'exit', containerId),
    logPath: path.join(sessionDir, 'exec.log'),
    conmonPidFile: path.join(sessionDir, 'conmon.pid'),
  };
}

/** Runs a process in a running container through `conmon --exec` (runc exec underneath). */
export async function execWithConmon(options: ConmonExecOptions): Promise<ExecSession> {
  const paths = execSessionPaths(options.sessionDir, options.containerId);
  await mkdir(path.dirname(paths.exitFile), { recursive: true, mode: 0o700 });
  const processFile = path.join(options.sessionDir, 'process.json');
  await writeFile(processFile, serializeOciJson(options.process), { mode: 0o600 });
  const attach = options.onAttachReady !== undefined;
  const args = [
    '--api-version', '1',
    '-c', options.containerId,
    '-u', options.sessionId,
    '-r', options.runtime.path,
    '-b', options.sessionDir,
    '-p', path.join(options.sessionDir, 'pidfile'),
    '-n', options.sessionId,
    '--exit-dir', path.dirname(paths.exitFile),
    '--full-attach',
    '-l', `k8s-file:${paths.logPath}`,
    '--log-level', 'warning',
    '--socket-dir-path', options.sessionDir,
    '--conmon-pidfile', paths.conmonPidFile,
    '--exec', '--exec-process-spec', processFile,
    '--runtime-arg', '--root', '--runtime-arg', options.runtime.root,
  ]; // prettier-ignore
  if (options.process.terminal) args.push('-t');
  if (options.stdin) args.push('-i');
  if (attach) args.push('--exec-attach');
  const conmon = startConmon(findConmon(options.conmonPath), args, attach);
  const what = `exec in container ${options.containerId}`;
  const timeoutMs = options.timeoutMs ?? 60_000;
  let keepPipes = false;
  try {
    if (attach) {
      const ready = await withTimeout(conmon.attach!.next(), timeoutMs, what);
      if (!ready || ready.data < 0) throw createFailure(what, ready, conmon);
      await options.onAttachReady!(paths);
      conmon.start();
    }
    const message = await withTimeout(conmon.sync.next(), timeoutMs, what);
    await conmon.exited;
    if (!message || message.data < 0) throw createFailure(what, message, conmon);
    const conmonPid = readPidFile(paths.conmonPidFile);
    let exitCode: Promise<number>;
    if (attach) {
      // conmon sends the exit code on the sync pipe, then closes it.
      keepPipes = true;
      exitCode = conmon.sync.next().then(async (done) => {
        conmon.release();
        if (done && done.data >= 0) return done.data;
        const record = readExitFile(paths.exitFile);
        if (record) return record.exitCode;
        throw new OciRuntimeError(
          `${what}: conmon ended without an exit code${done?.message ? `: ${done.message}` : ''}`,
          done?.message ?? '',
        );
      });
    } else {
      exitCode = waitForExitFile(paths.exitFile, { conmonPid }).then((r) => r.exitCode);
    }
    exitCode.catch(() => undefined); // unobserved for detached sessions; callers that await still see it
    return { pid: message.data, conmonPid, paths, exitCode };
  } catch (error) {
    await killMonitor(paths.conmonPidFile);
    throw error;
  } finally {
    if (!keepPipes) conmon.release();
  }
}

interface RunningConmon {
  child: ChildProcess;
  sync: ConmonMessageReader;
  attach: ConmonMessageReader | undefined;
  /** The spawned process's exit (it exits as soon as it forked the monitor). */
  exited: Promise<number | null>;
  /** Sends the next start byte. */
  start(): void;
  stderr(): string;
  /** Closes our ends of the pipes so this process can exit while conmon runs on. */
  release(): void;
}

function startConmon(conmonPath: string, args: string[], attachPipe: boolean): RunningConmon {
  const stdio: Array<'ignore' | 'pipe'> = ['ignore', 'pipe', 'pipe', 'pipe', 'pipe'];
  if (attachPipe) stdio.push('pipe');
  const child = spawn(conmonPath, args, {
    stdio,
    env: {
      ...process.env,
      _OCI_SYNCPIPE: '3',
      _OCI_STARTPIPE: '4',
      ...(attachPipe ? { _OCI_ATTACHPIPE: '5' } : {}),
    },
  });
  let stderrText = '';
  const collect = (chunk: Buffer) => (stderrText = (stderrText + chunk.toString('utf8')).slice(-8192));
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise<number | null>((resolve, reject) => {
    child.on('error', (error) => reject(new Error(`could not run conmon (${conmonPath}): ${error.message}`)));
    child.on('exit', (code) => resolve(code));
  });
  exited.catch(() => undefined);
  const pipes = child.stdio as ReadonlyArray<Readable | Writable | null | undefined>;
  const sync = new ConmonMessageReader(pipes[3] as Readable);
  const attach = attachPipe ? new ConmonMessageReader(pipes[5] as Readable) : undefined;
  const startPipe = pipes[4] as Writable;
  startPipe.on('error', () => undefined); // conmon gone: the sync pipe reports it
  const start = () => startPipe.write(Buffer.from([0]));
  start();
  return {
    child,
    sync,
    attach,
    exited,
    start,
    stderr: () => stderrText,
    release: () => {
      sync.close();
      attach?.close();
      startPipe.destroy();
      child.stdout!.destroy();
      child.stderr!.destroy();
      child.unref();
    },
  };
}

function createFailure(what: string, message: ConmonMessage | undefined, conmon: RunningConmon): Error {
  if (message?.message) {
    const runtimeMessage = extractRuntimeMessage(message.message);
    return new OciRuntimeError(
      `${what} failed: ${runtimeMessage}${hintFor(runtimeMessage)}`,
      runtimeMessage,
      message.message,
    );
  }
  const stderr = conmon.stderr().trim();
  const detail = stderr
    ? extractRuntimeMessage(stderr)
    : `conmon exited with code ${conmon.child.exitCode ?? 'unknown'}`;
  return new OciRuntimeError(`${what} failed: conmon gave no result: ${detail}`, detail, stderr);
}

/** What to do next, for the failures users cause most. */
function hintFor(runtimeMessage: string): string {
  if (/exec: .*(executable file not found|no such file or directory)/.test(runtimeMessage)) {
    return ': check the command name and that it exists in the image (and on its PATH)';
  }
  if (/exec: .*permission denied/.test(runtimeMessage))
    return ': the command is not executable for the container user';
  if (/chdir to cwd/.test(runtimeMessage))
    return ': the working directory does not exist in the image (--workdir)';
  return '';
}

function readPidFile(file: string): number {
  const pid = Number.parseInt(readFileSync(file, 'utf8').trim(), 10);
  if (!Number.isInteger(pid) || pid <= 0)
    throw new Error(`${file} does not hold a PID: conmon did not start properly`);
  return pid;
}

/**
 * After a failure conmon exits by itself, but not instantly: give it a moment, then SIGKILL it,
 * and return only once it is gone, so that callers (and `ps`) never see a leftover monitor.
 */
async function killMonitor(conmonPidFile: string, graceMs = 500): Promise<void> {
  let pid: number;
  try {
    pid = readPidFile(conmonPidFile);
  } catch {
    return; // no pid file: the monitor never started
  }
  if (await waitForProcessGone(pid, graceMs)) return;
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    return;
  }
  await waitForProcessGone(pid, 2000);
}

async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new OciRuntimeError(`${what} timed out after ${ms} ms: conmon or the runtime hangs`, 'timeout'),
        ),
      ms,
    );
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
