// `berth load`: images from an archive (-i, or stdin when it is not a terminal) or a layout folder.
// Progress on stderr, then `Loaded image: NAME` per name on stdout, as podman prints them.
import type { CommandModule } from '../../command-spec.js';
import { CliError } from '../../usage-error.js';
import { loadImages } from '../../../image/load-image.js';
import { copyProgressListener } from './copy-progress.js';
import { withImageStore } from './image-context.js';

const command: CommandModule = {
  usage: '[options]',
  description: 'Load image(s) from a tar archive into container storage.',
  examples: ['berth load -i myimage.tar', 'berth load < fedora.tar', 'berth load -q -i oci-layout-dir'],
  flags: [
    { name: 'input', short: 'i', type: 'string', help: 'Read from specified archive file (default: stdin)' },
    { name: 'quiet', short: 'q', type: 'bool', help: 'Suppress the output' },
  ],
  args: { max: 0 },
  async run(ctx) {
    const input = ctx.flags.string('input') || undefined;
    if (input === undefined && process.stdin.isTTY)
      throw new CliError('cannot read from terminal, use command-line redirection or the --input flag');
    return withImageStore(ctx, async ({ store }) => {
      const loaded = await loadImages(store, {
        input: input ?? process.stdin,
        onEvent: ctx.flags.bool('quiet') ? undefined : copyProgressListener(ctx.stderr),
      });
      const names = loaded.flatMap((image) =>
        image.names.length > 0 ? image.names : [`sha256:${image.imageId}`],
      );
      ctx.stdout.write(`Loaded image: ${names.join('\nLoaded image: ')}\n`);
    });
  },
};
export default command;
