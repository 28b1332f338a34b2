// `berth export CONTAINER`: the container's filesystem as a tar archive, to stdout or -o FILE.
import { createWriteStream, renameSync, rmSync } from 'node:fs';
import { exportContainer } from '../../../container/container-export.js';
import type { CommandModule } from '../../command-spec.js';
import { CliError } from '../../usage-error.js';
import { withContainerStore } from './container-context.js';

const command: CommandModule = {
  usage: '[options] CONTAINER',
  description: "Exports container's filesystem contents as a tar archive and saves it on the local machine.",
  examples: ['berth export ctrID > myCtr.tar', 'berth export --output="myCtr.tar" ctrID'],
  flags: [
    {
      name: 'output',
      short: 'o',
      type: 'string',
      help: 'Write to a specified file (default: stdout, which must be redirected)',
    },
  ],
  args: { min: 1, max: 1 },
  async run(ctx) {
    const output = ctx.flags.string('output') ?? '';
    if (output === '' && process.stdout.isTTY)
      throw new CliError('refusing to export to terminal. Use -o flag or redirect');
    return withContainerStore(ctx, async (store) => {
      if (output === '') {
        await exportContainer(store, ctx.args[0]!, ctx.stdout);
        return;
      }
      // Written beside the target and renamed: a failed export leaves no half archive behind.
      const tmp = `${output}.berth-${process.pid}.tmp`;
      const file = createWriteStream(tmp, { mode: 0o644 });
      try {
        await exportContainer(store, ctx.args[0]!, file);
        await new Promise<void>((resolve, reject) =>
          file.end((e?: Error | null) => (e ? reject(e) : resolve())),
        );
        renameSync(tmp, output);
      } catch (error) {
        file.destroy();
        rmSync(tmp, { force: true });
        throw error;
      }
    });
  },
};
export default command;
