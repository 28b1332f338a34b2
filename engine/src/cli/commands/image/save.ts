// `berth save`: podman's flags; an archive goes to -o or to stdout when stdout is not a terminal.
import type { CommandModule } from '../../command-spec.js';
import { CliError } from '../../usage-error.js';
import { saveImages, type SaveFormat } from '../../../image/save-image.js';
import { copyProgressListener } from './copy-progress.js';
import { withImageStore } from './image-context.js';

const FORMATS: SaveFormat[] = ['docker-archive', 'oci-archive', 'oci-dir', 'docker-dir'];

const command: CommandModule = {
  usage: '[options] IMAGE [IMAGE...]',
  description:
    'Save an image to docker-archive or oci-archive on the local machine. Default is docker-archive.',
  examples: [
    'berth save --quiet -o myimage.tar imageID',
    'berth save --format docker-dir -o ubuntu-dir ubuntu',
    'berth save > alpine-all.tar alpine:latest',
    'berth save -m -o both.tar alpine busybox',
  ],
  flags: [
    {
      name: 'compress',
      type: 'bool',
      help: "Compress tarball image layers when saving to a directory using the 'dir' transport. (default is same compression type as source)",
    },
    {
      name: 'format',
      type: 'string',
      default: 'docker-archive',
      help: 'Save image to oci-archive, oci-dir (directory with oci manifest type), docker-archive, docker-dir (directory with v2s2 manifest type)',
    },
    {
      name: 'multi-image-archive',
      short: 'm',
      type: 'bool',
      help: 'Interpret additional arguments as images not tags and create a multi-image-archive (only for docker-archive)',
    },
    {
      name: 'output',
      short: 'o',
      type: 'string',
      help: 'Write to a specified file (default: stdout, which must be redirected)',
    },
    { name: 'quiet', short: 'q', type: 'bool', help: 'Suppress the output' },
    { name: 'uncompressed', type: 'bool', help: 'Accept uncompressed layers when copying OCI images' },
  ],
  args: { min: 1 },
  async run(ctx) {
    const format = (ctx.flags.string('format') || 'docker-archive') as SaveFormat;
    if (!FORMATS.includes(format))
      throw new CliError(`unknown format option "${format}": use ${FORMATS.join(', ')}`);
    if (ctx.args.length > 1 && !ctx.flags.bool('multi-image-archive'))
      throw new CliError(
        'saving several images needs -m (--multi-image-archive), with --format docker-archive',
      );
    const output = ctx.flags.string('output') || undefined;
    if (output === undefined && (ctx.stdout as { isTTY?: boolean }).isTTY)
      throw new CliError('refusing to save to terminal. Use -o flag or redirect');
    if (output === undefined && format.endsWith('-dir'))
      throw new CliError(`--format ${format} writes a folder: give its path with -o`);
    return withImageStore(ctx, async ({ store, conf }) => {
      await saveImages(store, {
        images: ctx.args,
        format,
        output: output ?? ctx.stdout,
        searchRegistries: conf.unqualifiedSearchRegistries,
        onEvent: ctx.flags.bool('quiet') ? undefined : copyProgressListener(ctx.stderr),
      });
    });
  },
};
export default command;
