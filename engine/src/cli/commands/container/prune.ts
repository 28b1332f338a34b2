// `berth container prune`: removes every container that is not running; prints their IDs.
import { createInterface } from 'node:readline';
import { pruneContainers } from '../../../container/container-prune.js';
import type { CommandModule } from '../../command-spec.js';
import { CliError } from '../../usage-error.js';
import { withContainerStore } from './container-context.js';

/** y/yes goes on; anything else stops; end of input is an error, as in podman. */
async function confirm(prompt: string, output: NodeJS.WritableStream): Promise<boolean> {
  output.write(prompt);
  const rl = createInterface({ input: process.stdin });
  const answer = await new Promise<string | undefined>((resolve) => {
    rl.once('line', resolve);
    rl.once('close', () => resolve(undefined));
  });
  rl.close();
  if (answer === undefined)
    throw new CliError('reading the answer: EOF: answer y on a terminal, or give -f to prune without asking');
  return /^y(es)?$/i.test(answer.trim());
}

const command: CommandModule = {
  usage: '[options]',
  description: 'Remove all stopped containers',
  examples: ['berth container prune', 'berth container prune -f --filter until=24h'],
  flags: [
    { name: 'filter', type: 'stringArray', help: "Provide filter values (e.g. 'label=<key>=<value>')" },
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
      const ok = await confirm(
        'WARNING! This will remove all non running containers.\nAre you sure you want to continue? [y/N] ',
        ctx.stdout,
      );
      if (!ok) return 0;
    }
    return withContainerStore(ctx, async (store) => {
      const report = await pruneContainers(store, ctx.flags.list('filter'));
      for (const id of report.removed) ctx.stdout.write(`${id}\n`);
      for (const e of report.errors) ctx.stderr.write(`Error: ${e.message}\n`);
      return report.errors.length > 0 ? 125 : 0;
    });
  },
};
export default command;
