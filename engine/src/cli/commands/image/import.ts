// `berth import PATH|URL|- [REFERENCE]`: a filesystem tarball becomes a one-layer image; progress
// on stderr, then the new image's ID as `sha256:<hex>` on stdout (podman's output).
import type { CommandModule } from '../../command-spec.js';
import { importImage } from '../../../image/import-image.js';
import { copyProgressListener } from './copy-progress.js';
import { withImageStore } from './image-context.js';

const command: CommandModule = {
  usage: '[options] PATH [REFERENCE]',
  description:
    'Create a container image from the contents of the specified tarball (.tar, .tar.gz, .tgz, .tar.zst).\n  Note remote tar balls can be specified, via web address.\n  Optionally tag the image. You can specify the instructions using the --change option.',
  examples: [
    'berth import https://example.com/ctr.tar url-image',
    'cat ctr.tar | berth -q import --message "importing the ctr.tar tarball" - image-imported',
    'cat ctr.tar | berth import -',
  ],
  flags: [
    { name: 'arch', type: 'string', help: 'Set the architecture of the imported image' },
    {
      name: 'change',
      short: 'c',
      type: 'stringArray',
      help: 'Apply the following possible instructions to the created image (default []): CMD | ENTRYPOINT | ENV | EXPOSE | LABEL | ONBUILD | STOPSIGNAL | USER | VOLUME | WORKDIR',
    },
    { name: 'message', short: 'm', type: 'string', help: 'Set commit message for imported image' },
    { name: 'os', type: 'string', help: 'Set the OS of the imported image' },
    { name: 'platform', type: 'string', help: 'Set the OS/ARCH[/VARIANT] of the imported image' },
    { name: 'quiet', short: 'q', type: 'bool', help: 'Suppress output' },
    { name: 'variant', type: 'string', help: 'Set the variant of the imported image' },
  ],
  args: { min: 1, max: 2 },
  async run(ctx) {
    const input = ctx.args[0]!;
    return withImageStore(ctx, async ({ store }) => {
      const imageId = await importImage(store, {
        input: input === '-' ? process.stdin : input,
        reference: ctx.args[1],
        changes: ctx.flags.list('change'),
        message: ctx.flags.string('message') || undefined,
        platform: ctx.flags.string('platform') || undefined,
        arch: ctx.flags.string('arch') || undefined,
        os: ctx.flags.string('os') || undefined,
        variant: ctx.flags.string('variant') || undefined,
        onEvent: ctx.flags.bool('quiet') ? undefined : copyProgressListener(ctx.stderr),
      });
      ctx.stdout.write(`sha256:${imageId}\n`);
    });
  },
};
export default command;
