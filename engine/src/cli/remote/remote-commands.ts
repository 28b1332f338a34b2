// The commands that run through a RemoteEngine when a connection is selected (`--connection`,
// `--url`, `--remote`, CONTAINER_CONNECTION, CONTAINER_HOST). Each takes the command's parsed flags, as the
// local command does; commands not listed here refuse rather than silently work on the local store.
import type { CommandContext } from '../command-spec.js';
import type { Engine } from '../../contract/engine-contract.js';
import { CliError } from '../usage-error.js';
import { remoteImages, remotePs } from './remote-lists.js';
import { remoteLogs, remoteRm, remoteRun, remoteStart, remoteStop } from './remote-containers.js';
import { remoteInfo, remoteInspect, remotePull, remoteVersion } from './remote-system.js';

type RemoteRun = (ctx: CommandContext, engine: Engine) => Promise<number | void>;

/** By command path without the program name ("container ps"). */
const REMOTE_COMMANDS: Record<string, RemoteRun> = {
  version: remoteVersion,
  info: remoteInfo,
  'system info': remoteInfo,
  ps: remotePs,
  'container ps': remotePs,
  'container list': remotePs,
  'container ls': remotePs,
  images: remoteImages,
  'image list': remoteImages,
  'image ls': remoteImages,
  pull: remotePull,
  'image pull': remotePull,
  run: remoteRun,
  'container run': remoteRun,
  logs: remoteLogs,
  'container logs': remoteLogs,
  start: remoteStart,
  'container start': remoteStart,
  stop: remoteStop,
  'container stop': remoteStop,
  rm: remoteRm,
  'container rm': remoteRm,
  inspect: (ctx, engine) => remoteInspect(ctx, engine),
  'container inspect': (ctx, engine) => remoteInspect(ctx, engine, 'container'),
  'image inspect': (ctx, engine) => remoteInspect(ctx, engine, 'image'),
};

/** Commands about connections or the local machine itself, which never go remote. */
const ALWAYS_LOCAL = /^(system connection( |$)|system service$|desktop$|help$)/;

/**
 * The command's run function over the selected remote engine, or undefined when no remote is
 * selected (or the command is local by nature).
 */
export async function remoteRunner(
  commandPath: string,
  choice: { connection?: string; url?: string; remote?: boolean },
): Promise<((ctx: CommandContext) => Promise<number | void>) | undefined> {
  const path = commandPath.replace(/^\S+ /, '');
  if (ALWAYS_LOCAL.test(path)) return undefined;
  const { selectRemoteTarget, openRemoteEngine } = await import('../../client/connect.js');
  const target = selectRemoteTarget(choice);
  if (!target) return undefined;
  const run = REMOTE_COMMANDS[path];
  if (!run)
    throw new CliError(
      `${commandPath} is not available over a remote connection yet (${target.name}): run it without --connection/--url/--remote, on the service's machine`,
    );
  return async (ctx) => {
    const remote = await openRemoteEngine(target);
    try {
      return await run(ctx, remote.engine);
    } finally {
      await remote.close();
    }
  };
}
