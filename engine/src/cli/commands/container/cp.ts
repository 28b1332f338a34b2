// `berth cp [CONTAINER:]SRC [CONTAINER:]DEST`: files between a container and the host, either way;
// `-` is a tar stream on stdin (into a container) or stdout (out of one).
import { copyFromContainer, copyIntoContainer } from '../../../container/container-copy.js';
import type { CommandModule } from '../../command-spec.js';
import { CliError } from '../../usage-error.js';
import { withContainerStore } from './container-context.js';

interface Location {
  container?: string;
  path: string;
}

/**
 * podman's rule: `name:path` names a container unless the argument starts like a host path
 * (`/`, `./`, `../`), so a host file with a colon is given as `./a:b`.
 */
export function parseLocation(arg: string): Location {
  if (arg === '-' || arg.startsWith('/') || arg.startsWith('.')) return { path: arg };
  const colon = arg.indexOf(':');
  if (colon < 0) return { path: arg };
  const container = arg.slice(0, colon);
  const path = arg.slice(colon + 1);
  if (container === '') throw new CliError(`invalid copy location "${arg}": the container name is empty`);
  return { container, path: path === '' ? '/' : path };
}

const command: CommandModule = {
  usage: '[options] [CONTAINER:]SRC_PATH [CONTAINER:]DEST_PATH',
  description:
    'Copy the contents of SRC_PATH to the DEST_PATH.\n\n  You can copy from the container\'s file system to the local machine or the reverse, from the local filesystem to the container. If "-" is specified for either the SRC_PATH or DEST_PATH, you can also stream a tar archive from STDIN or to STDOUT. The CONTAINER can be a running or stopped container. The SRC_PATH or DEST_PATH can be a file or a directory.',
  examples: [
    'berth cp file.txt mycontainer:/tmp/',
    'berth cp mycontainer:/etc/hosts ./hosts',
    'berth cp mycontainer:/var/log - > logs.tar',
    'tar -c dir | berth cp - mycontainer:/srv',
  ],
  flags: [
    {
      name: 'archive',
      short: 'a',
      type: 'bool',
      default: true,
      help: 'Chown copied files to the primary uid/gid of the destination container.',
    },
    {
      name: 'overwrite',
      type: 'bool',
      help: 'Allow to overwrite directories with non-directories and vice versa',
    },
  ],
  args: { min: 2, max: 2 },
  async run(ctx) {
    const source = parseLocation(ctx.args[0]!);
    const destination = parseLocation(ctx.args[1]!);
    const options = { archive: ctx.flags.bool('archive'), overwrite: ctx.flags.bool('overwrite') };
    if (source.container && destination.container)
      throw new CliError(
        'copying between containers is not supported: copy to the host first, then into the other container',
      );
    if (!source.container && !destination.container)
      throw new CliError(
        `one of "${ctx.args[0]}" and "${ctx.args[1]}" must name a container, as CONTAINER:PATH: use cp(1) between host paths`,
      );
    return withContainerStore(ctx, async (store) => {
      if (source.container) {
        await copyFromContainer(
          store,
          source.container,
          source.path,
          destination.path === '-' ? { sink: ctx.stdout } : { hostPath: destination.path },
          options,
        );
        return;
      }
      await copyIntoContainer(
        store,
        destination.container!,
        destination.path,
        source.path === '-' ? { stream: process.stdin } : { hostPath: source.path },
        options,
      );
    });
  },
};
export default command;
