// Container verbs through a RemoteEngine: `run` (pulling a missing image; -d prints the ID, in the
// foreground the output streams until the container exits and its exit code is the command's;
// --rm removes it), `logs`, `start`, `stop`, `rm`.
import type { CommandContext } from '../command-spec.js';
import type { Engine } from '../../contract/engine-contract.js';
import type { ContainerLogLine } from '../../contract/container-types.js';
import { AsyncQueue } from '../../contract/async-queue.js';
import { CliError } from '../usage-error.js';
import { remotePullImage } from './remote-system.js';

const oneWay = (signal: AbortSignal) => ({ signal, incoming: new AsyncQueue<never>() });

function printLine(ctx: CommandContext, line: ContainerLogLine, timestamps = false): void {
  const target = line.stream === 'stderr' ? ctx.stderr : ctx.stdout;
  target.write(`${timestamps ? `${line.time} ` : ''}${line.text}${line.complete ? '\n' : ''}`);
}

function restartPolicy(text: string | undefined): {
  name: 'no' | 'on-failure' | 'always' | 'unless-stopped';
  maxRetries: number;
} {
  if (!text) return { name: 'no', maxRetries: 0 };
  const [name = '', retries] = text.split(':');
  if (!['no', 'on-failure', 'always', 'unless-stopped'].includes(name))
    throw new CliError(
      `invalid restart policy "${text}": use no, on-failure[:max], always or unless-stopped`,
    );
  return { name: name as 'no', maxRetries: retries ? Number(retries) : 0 };
}

function isMissingImage(error: unknown): boolean {
  return (error as { wireCode?: string }).wireCode === 'not-found' && /image/i.test((error as Error).message);
}

export async function remoteRun(ctx: CommandContext, engine: Engine): Promise<number> {
  const f = ctx.flags;
  const [image, ...command] = ctx.args as [string, ...string[]];
  if (f.bool('rm') && f.string('restart') && f.string('restart') !== 'no')
    throw new CliError('the --rm option conflicts with --restart, when the restartPolicy is not "" and "no"');
  const input = {
    image,
    name: f.string('name') || undefined,
    command,
    env: f.list('env'),
    ports: f.list('publish'),
    volumes: f.list('volume'),
    restartPolicy: restartPolicy(f.string('restart')),
    tty: f.bool('tty'),
    interactive: f.bool('interactive'),
    start: false,
  };
  let created;
  try {
    created = await engine['containers.create'](input);
  } catch (error) {
    if (!isMissingImage(error)) throw error;
    await remotePullImage(ctx, engine, image, f.bool('quiet'));
    created = await engine['containers.create'](input);
  }
  const remove = async () => {
    if (f.bool('rm'))
      await engine['containers.remove']({ container: created.Id, force: true, volumes: true });
  };
  if (f.bool('detach')) {
    await engine['containers.start']({ container: created.Id });
    ctx.stdout.write(`${created.Id}\n`);
    return 0;
  }
  try {
    await engine['containers.start']({ container: created.Id });
    for await (const line of engine['containers.logs'](
      { container: created.Id, tail: -1, follow: true },
      oneWay(new AbortController().signal),
    ))
      printLine(ctx, line);
    // The log ends when the output does; the exit code is recorded a moment later.
    for (let i = 0; ; i++) {
      const state = (await engine['containers.inspect']({ container: created.Id })).State;
      if (!state.Running) return state.ExitCode;
      if (i > 600)
        throw new CliError(
          `container ${created.Id} closed its output but is still running: stop it with berth stop`,
        );
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    await remove();
  }
}

export async function remoteLogs(ctx: CommandContext, engine: Engine): Promise<void> {
  const f = ctx.flags;
  const tail = f.int('tail') ?? -1;
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  try {
    for (const container of ctx.args)
      for await (const line of engine['containers.logs'](
        { container, tail, follow: f.bool('follow'), since: f.string('since') || undefined },
        oneWay(controller.signal),
      ))
        printLine(ctx, line, f.bool('timestamps'));
  } finally {
    process.off('SIGINT', stop);
  }
}

/** Runs a verb on each named container, printing each name as given (podman), failing at the end. */
async function eachContainer(
  ctx: CommandContext,
  verb: (container: string) => Promise<unknown>,
): Promise<number> {
  let failed = false;
  for (const container of ctx.args) {
    try {
      await verb(container);
      ctx.stdout.write(`${container}\n`);
    } catch (error) {
      if (failed) ctx.stderr.write(`Error: ${(error as Error).message}\n`);
      else {
        failed = true;
        ctx.stderr.write(`Error: ${(error as Error).message}\n`);
      }
    }
  }
  return failed ? 125 : 0;
}

export const remoteStart = (ctx: CommandContext, engine: Engine) =>
  eachContainer(ctx, (container) => engine['containers.start']({ container }));
export const remoteStop = (ctx: CommandContext, engine: Engine) =>
  eachContainer(ctx, (container) =>
    engine['containers.stop']({
      container,
      timeout: ctx.flags.has('time') ? (ctx.flags.int('time') ?? undefined) : undefined,
    }),
  );
export const remoteRm = (ctx: CommandContext, engine: Engine) =>
  eachContainer(ctx, (container) =>
    engine['containers.remove']({
      container,
      force: ctx.flags.bool('force'),
      volumes: ctx.flags.bool('volumes'),
    }),
  );
