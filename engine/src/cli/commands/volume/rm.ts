// `berth volume rm`: prints each removed name; exit 1 when a volume does not exist, 2 when one is
// in use (without --force), as podman. --force removes the containers using it first.
import type { CommandModule } from '../../command-spec.js';
import { CliError } from '../../usage-error.js';
import { VolumeInUseError, VolumeNotFoundError } from '../../../volume/volume-errors.js';
import { removeVolumes } from '../../../volume/volume-remove.js';
import { withVolumeStore } from './volume-context.js';

const command: CommandModule = {
  usage: '[options] VOLUME [VOLUME...]',
  description:
    'Remove one or more existing volumes.\n\n  By default only volumes that are not being used by any containers will be removed. To remove the volumes anyways, use the --force flag.',
  examples: ['berth volume rm myvol1 myvol2', 'berth volume rm --all', 'berth volume rm --force myvol'],
  flags: [
    { name: 'all', short: 'a', type: 'bool', help: 'Remove all volumes' },
    {
      name: 'force',
      short: 'f',
      type: 'bool',
      help: 'Remove a volume by force, even if it is being used by a container',
    },
    {
      name: 'time',
      short: 't',
      type: 'int',
      default: 10,
      help: 'Seconds to wait for running containers to stop before killing the container',
    },
  ],
  async run(ctx) {
    const all = ctx.flags.bool('all');
    const force = ctx.flags.bool('force');
    if ((ctx.args.length > 0 && all) || (ctx.args.length === 0 && !all))
      throw new CliError('choose either one or more volumes or all');
    if (ctx.flags.has('time') && !force)
      throw new CliError('--force option must be specified to use the --time option');
    return withVolumeStore(ctx, async (store) => {
      const report = await removeVolumes(store, ctx.args, { all, force });
      for (const name of report.removed) ctx.stdout.write(`${name}\n`);
      // With --force a volume that is already gone is not an error (podman).
      const errors = force ? report.errors.filter((e) => !(e instanceof VolumeNotFoundError)) : report.errors;
      if (errors.length === 0) return 0;
      for (const error of errors.slice(0, -1)) ctx.stderr.write(`Error: ${error.message}\n`);
      const last = errors[errors.length - 1]!;
      const code = errors.some((e) => e instanceof VolumeInUseError)
        ? 2
        : errors.every((e) => e instanceof VolumeNotFoundError)
          ? 1
          : 125;
      throw new CliError(last.message, code);
    });
  },
};
export default command;
