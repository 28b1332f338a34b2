// Exec over the Docker API: `POST /containers/{id}/exec` records an instance, `POST
// /exec/{id}/start` runs it (hijacked, like attach) or detached, `POST /exec/{id}/resize` sizes
// its TTY and `GET /exec/{id}/json` reports its state and exit code. The process runs through
// container/container-exec.ts, as `berth exec` does, which also appends the exec events.
import { z } from 'zod';
import { execInContainer } from '../container/container-exec.js';
import { requireContainer } from '../container/container-lookup.js';
import { containerPaths } from '../container/container-paths.js';
import { ACTIVE_STATUSES } from '../container/container-state.js';
import { syncContainer } from '../container/container-sync.js';
import { openAttachSession, pumpAttachStreams, type AttachSession } from '../runtime/attach.js';
import { resizeTerminal } from '../runtime/ctl-fifo.js';
import { ApiError } from './api-errors.js';
import {
  queryInt,
  sendJson,
  sendNoContent,
  type Exchange,
  type HijackExchange,
  type Route,
} from './api-context.js';
import { parseJson, readJson } from './http-body.js';
import { MULTIPLEXED_STREAM, RAW_STREAM, streamWriter } from './stream-framing.js';

const execCreateSchema = z
  .object({
    Cmd: z.array(z.string()).min(1, 'give the command to run'),
    Env: z.array(z.string()).nullish(),
    User: z.string().nullish(),
    WorkingDir: z.string().nullish(),
    Tty: z.boolean().nullish(),
    Privileged: z.boolean().nullish(),
    AttachStdin: z.boolean().nullish(),
    AttachStdout: z.boolean().nullish(),
    AttachStderr: z.boolean().nullish(),
    DetachKeys: z.string().nullish(),
  })
  .loose();

const execStartSchema = z.object({ Detach: z.boolean().nullish(), Tty: z.boolean().nullish() }).loose();

async function createExec(x: Exchange): Promise<void> {
  const body = await readJson(x.req, execCreateSchema, 'exec create body');
  const { store } = x.ctx;
  const record = await syncContainer(store, requireContainer(store.db, x.params.id!));
  if (!ACTIVE_STATUSES.has(record.state.status))
    throw new ApiError(409, `container ${record.id} is not running: start it before exec`);
  if (record.state.status === 'paused')
    throw new ApiError(409, `container ${record.id} is paused, unpause the container before exec`);
  const instance = x.ctx.execs.create({
    containerId: record.id,
    args: body.Cmd,
    env: body.Env ?? [],
    user: body.User || undefined,
    workdir: body.WorkingDir || undefined,
    tty: body.Tty ?? false,
    privileged: body.Privileged ?? false,
    attachStdin: body.AttachStdin ?? false,
    attachStdout: body.AttachStdout ?? true,
    attachStderr: body.AttachStderr ?? true,
    detachKeys: body.DetachKeys || undefined,
  });
  sendJson(x.res, 201, { Id: instance.id });
}

async function startExec(x: HijackExchange): Promise<void> {
  const instance = x.ctx.execs.require(x.params.id!);
  const body = parseJson(x.body.toString('utf8'), execStartSchema, 'exec start body');
  if (instance.status !== 'created')
    throw new ApiError(409, `exec instance ${instance.id} has already been started: create a new one`);
  const { config } = instance;
  const detach = body.Detach ?? false;
  const tty = body.Tty ?? config.tty;
  instance.status = 'running';
  let session: AttachSession | undefined;
  let started;
  try {
    started = await execInContainer(x.ctx.store, config.containerId, {
      args: config.args,
      env: config.env,
      user: config.user,
      workdir: config.workdir,
      terminal: tty,
      privileged: config.privileged,
      interactive: config.attachStdin && !detach,
      onAttachReady: detach
        ? undefined
        : async (paths) => {
            session = await openAttachSession(paths.attachSocket);
          },
    });
  } catch (error) {
    instance.status = 'exited';
    throw error;
  }
  instance.pid = started.session.pid;
  instance.ctlFifo = started.session.paths.ctlFifo;
  const finished = started.session.exitCode.then(
    (code) => code,
    () => -1,
  );
  const record = async () => {
    instance.exitCode = await finished;
    instance.status = 'exited';
    instance.ctlFifo = undefined;
    await started.dispose();
  };
  if (detach) {
    void record();
    x.begin('application/json');
    return x.finish();
  }
  x.begin(tty ? RAW_STREAM : MULTIPLEXED_STREAM);
  const attach = session!;
  const abort = () => attach.close();
  x.signal.addEventListener('abort', abort, { once: true });
  try {
    await pumpAttachStreams(attach, {
      stdin: config.attachStdin ? x.input : undefined,
      stdout: streamWriter(x.output, 1, !tty),
      stderr: streamWriter(x.output, 2, !tty),
      terminal: tty,
      detachKeys: config.detachKeys,
    });
  } finally {
    x.signal.removeEventListener('abort', abort);
    attach.close();
  }
  // The exit code is in place before the stream ends: clients inspect right after EOF.
  if (!x.signal.aborted) await record();
  else void record();
  x.finish();
}

function sizeQuery(x: Exchange): { rows: number; cols: number } {
  const rows = queryInt(x.query, 'h');
  const cols = queryInt(x.query, 'w');
  if (!rows || !cols || rows < 0 || cols < 0)
    throw new ApiError(400, 'resize needs h (rows) and w (columns) as positive integers');
  return { rows, cols };
}

async function resizeExec(x: Exchange): Promise<void> {
  const instance = x.ctx.execs.require(x.params.id!);
  const size = sizeQuery(x);
  if (instance.status !== 'running' || !instance.ctlFifo)
    throw new ApiError(409, `exec instance ${instance.id} is not running: nothing to resize`);
  resizeTerminal(instance.ctlFifo, size);
  sendNoContent(x.res, 200);
}

async function inspectExec(x: Exchange): Promise<void> {
  const instance = x.ctx.execs.require(x.params.id!);
  const { config } = instance;
  sendJson(x.res, 200, {
    CanRemove: false,
    ContainerID: config.containerId,
    DetachKeys: config.detachKeys ?? '',
    ExitCode: instance.exitCode,
    ID: instance.id,
    OpenStderr: config.attachStderr,
    OpenStdin: config.attachStdin,
    OpenStdout: config.attachStdout,
    ProcessConfig: {
      arguments: config.args.slice(1),
      entrypoint: config.args[0],
      privileged: config.privileged,
      tty: config.tty,
      user: config.user ?? '',
    },
    Running: instance.status === 'running',
    Pid: instance.pid,
  });
}

async function resizeContainer(x: Exchange): Promise<void> {
  const { store } = x.ctx;
  const record = await syncContainer(store, requireContainer(store.db, x.params.id!));
  const size = sizeQuery(x);
  if (record.state.status !== 'running')
    throw new ApiError(409, `container ${record.name} is not running: nothing to resize`);
  if (!record.config.tty) throw new ApiError(409, `container ${record.name} has no TTY: nothing to resize`);
  resizeTerminal(containerPaths(store.paths, record.id).ctlFifo, size);
  sendNoContent(x.res, 200);
}

export const EXEC_ROUTES: Route[] = [
  { method: 'POST', path: '/containers/{id}/exec', handle: createExec },
  { method: 'POST', path: '/containers/{id}/resize', handle: resizeContainer },
  { method: 'POST', path: '/exec/{id}/start', hijack: startExec },
  { method: 'POST', path: '/exec/{id}/resize', handle: resizeExec },
  { method: 'GET', path: '/exec/{id}/json', handle: inspectExec },
];
