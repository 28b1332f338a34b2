// `berth rmi` / `berth image rm`: podman's output (Untagged:/Deleted: lines) and exit codes:
// 1 when an image does not exist, 2 when one is in use, 125 for other failures.
import type { CommandModule } from '../../command-spec.js';
import { CliError } from '../../usage-error.js';
import { ImageInUseError, ImageNotFoundError } from '../../../image/image-errors.js';
import { removeImages } from '../../../image/image-removal.js';
import { withImageStore } from './image-context.js';

const command: CommandModule = {
  usage: '[options] IMAGE [IMAGE...]',
  description: 'Removes one or more previously pulled or locally created images.',
  examples: [
    'berth rmi imageID',
    'berth rmi --force alpine',
    'berth rmi c4dfb1609ee2 93fd78260bd1 c0ed59d05ff7',
  ],
  flags: [
    { name: 'all', short: 'a', type: 'bool', help: 'Remove all images' },
    { name: 'force', short: 'f', type: 'bool', help: 'Force Removal of the image' },
    { name: 'ignore', short: 'i', type: 'bool', help: 'Ignore errors if a specified image does not exist' },
  ],
  async run(ctx) {
    const all = ctx.flags.bool('all');
    if (all && ctx.args.length > 0)
      throw new CliError('when using the --all switch, you may not pass any images names or IDs');
    if (!all && ctx.args.length === 0) throw new CliError('image name or ID must be specified');
    return withImageStore(ctx, async ({ store, conf }) => {
      const report = await removeImages(store, ctx.args, {
        force: ctx.flags.bool('force'),
        all,
        searchRegistries: conf.unqualifiedSearchRegistries,
      });
      for (const name of report.untagged) ctx.stdout.write(`Untagged: ${name}\n`);
      for (const id of report.deleted) ctx.stdout.write(`Deleted: ${id}\n`);
      const errors = ctx.flags.bool('ignore')
        ? report.errors.filter((e) => !(e instanceof ImageNotFoundError))
        : report.errors;
      if (errors.length === 0) return 0;
      for (const error of errors.slice(0, -1)) ctx.stderr.write(`Error: ${error.message}\n`);
      const last = errors[errors.length - 1]!;
      const code = errors.some((e) => e instanceof ImageInUseError)
        ? 2
        : errors.every((e) => e instanceof ImageNotFoundError)
          ? 1
          : 125;
      throw new CliError(last.message, code);
    });
  },
};
export default command;
