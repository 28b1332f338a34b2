// `berth machine init [options] [NAME]`: creates a machine from a machine image (the newest one
// build/machine-image/build-image.sh made, or --image PATH|URL), optionally starting it (--now).
import type { CommandModule } from '../../command-spec.js';
import { CliError } from '../../usage-error.js';
import { machineName, progressTo, withMachineStore } from './machine-context.js';
import { printStarted } from './start-output.js';

const command: CommandModule = {
  usage: '[options] [NAME]',
  description:
    "Initialize a virtual machine\n\n  The machine runs Berth's engine; its API is forwarded to the host when it starts.",
  examples: [
    'berth machine init',
    'berth machine init --cpus 4 --memory 4096 --disk-size 40 mymachine',
    'berth machine init --image https://example.com/berth-machine.tar.zst --image-sha256 <hex>',
    'berth machine init -v $HOME:$HOME --now',
  ],
  flags: [
    { name: 'cpus', type: 'int', default: 2, help: 'Number of CPUs' },
    { name: 'memory', short: 'm', type: 'int', default: 2048, help: 'Memory in MiB' },
    { name: 'disk-size', type: 'int', default: 20, help: 'Disk size in GiB' },
    {
      name: 'image',
      type: 'string',
      help: 'Machine image: a folder or tar (.zst/.xz/.gz) made by build/machine-image, or an http(s) URL to one',
    },
    { name: 'image-sha256', type: 'string', help: 'Expected sha256 of the --image archive' },
    { name: 'now', type: 'bool', help: 'Start machine now' },
    {
      name: 'rootful',
      type: 'bool',
      default: true,
      help: 'Whether this machine should prefer rootful container execution (only rootful is supported)',
    },
    { name: 'volume', short: 'v', type: 'stringArray', help: 'Volumes to mount, source:target' },
  ],
  args: { max: 1 },
  async run(ctx) {
    const { initMachine, startMachine } = await import('../../../machine/machine-service.js');
    const { defaultImageSource } = await import('../../../machine/image-source.js');
    const name = await machineName(ctx);
    const image = ctx.flags.has('image') ? ctx.flags.string('image') : defaultImageSource();
    if (!image)
      throw new CliError(
        'no machine image: build one with `build/machine-image/build-image.sh` (as root) or pass --image PATH|URL',
      );
    const positive = (flag: string) => {
      const value = ctx.flags.int(flag) ?? 0;
      if (value <= 0) throw new CliError(`--${flag} must be a positive number, not ${value}`);
      return value;
    };
    const progress = progressTo(ctx);
    return withMachineStore(ctx, async (store) => {
      await initMachine(store, {
        name,
        cpus: positive('cpus'),
        memoryMiB: positive('memory'),
        diskGiB: positive('disk-size'),
        image,
        imageSha256: ctx.flags.string('image-sha256') || undefined,
        rootful: ctx.flags.bool('rootful'),
        volumes: ctx.flags.list('volume'),
        onProgress: progress,
      });
      ctx.stdout.write(`Machine init complete\n`);
      if (ctx.flags.bool('now')) printStarted(ctx, await startMachine(store, name, { onProgress: progress }));
      else
        ctx.stdout.write(
          `To start your machine run:\n\n\tberth machine start${name === 'berth-machine-default' ? '' : ` ${name}`}\n\n`,
        );
    });
  },
};
export default command;
