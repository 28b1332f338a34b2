// `berth pod prune`: removes every pod with no running container; prints each removed pod's ID.
import { podView } from '../../../pod/pod-inspect.js';
import { removePod } from '../../../pod/pod-lifecycle.js';
import { listPodRecords } from '../../../pod/pod-records.js';
import type { CommandModule } from '../../command-spec.js';
import { CliError } from '../../usage-error.js';
import { withPodStore } from './pod-context.js';

const STOPPED = new Set(['Exited', 'Stopped', 'Created']);

const command: CommandModule = {
  usage: '[options]',
  description: 'Remove all exited pods',
  examples: ['berth pod prune', 'berth pod prune -f'],
  flags: [
    {
      name: 'force',
      short: 'f',
      type: 'bool',
      help: 'Do not prompt for confirmation.  The default is false',
    },
  ],
  args: { max: 0 },
  async run(ctx) {
    if (!ctx.flags.bool('force')) {
      if (!process.stdin.isTTY)
        throw new CliError('pod prune needs a confirmation: run it with -f when input is not a terminal');
      ctx.stdout.write(
        'WARNING! This will remove all stopped/exited pods..\nAre you sure you want to continue? [y/N] ',
      );
      const answer = await new Promise<string>((resolve) =>
        process.stdin.once('data', (d: Buffer) => resolve(d.toString().trim())),
      );
      process.stdin.pause();
      if (!/^y(es)?$/i.test(answer)) return 0;
    }
    return withPodStore(ctx, async (store) => {
      for (const pod of listPodRecords(store.db)) {
        const view = await podView(store, pod);
        if (!STOPPED.has(view.status)) continue;
        await removePod(store, pod.id, { force: true });
        ctx.stdout.write(`${pod.id}\n`);
      }
    });
  },
};
export default command;
