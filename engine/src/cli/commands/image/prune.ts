// `berth image prune`: removes dangling images (-a: every image no container uses), after asking
// unless --force; prints the removed IDs.
import { createInterface } from 'node:readline';
import type { CommandModule } from '../../command-spec.js';
import { imageFilter } from '../../../image/image-summary.js';
import { pruneImages } from '../../../image/image-removal.js';
import { withImageStore } from './image-context.js';

async function confirm(prompt: string, output: NodeJS.WritableStream): Promise<boolean> {
  output.write(prompt);
  const rl = createInterface({ input: process.stdin });
  const answer = await new Promise<string>((resolve) => {
    rl.once('line', resolve);
    rl.once('close', () => resolve(''));
  });
  rl.close();
  return /^y(es)?$/i.test(answer.trim());
}

const command: CommandModule = {
  usage: '[options]',
  description: 'Removes dangling or unused images from local storage.',
  flags: [
    {
      name: 'all',
      short: 'a',
      type: 'bool',
      help: 'Remove all images not in use by containers, not just dangling ones',
    },
    { name: 'force', short: 'f', type: 'bool', help: 'Do not prompt for confirmation' },
    { name: 'filter', type: 'stringArray', help: "Provide filter values (e.g. 'label=<key>=<value>')" },
    {
      name: 'external',
      type: 'bool',
      help: 'Remove images even when they are used by external containers (e.g., by build containers)',
      hidden: true,
    },
  ],
  args: { max: 0 },
  async run(ctx) {
    const all = ctx.flags.bool('all');
    if (!ctx.flags.bool('force')) {
      const what = all ? 'all images not in use by containers' : 'all dangling images';
      const ok = await confirm(
        `WARNING! This command removes ${what}.\nAre you sure you want to continue? [y/N] `,
        ctx.stdout,
      );
      if (!ok) return 0;
    }
    return withImageStore(ctx, async ({ store, conf }) => {
      const filters = ctx.flags.list('filter');
      const filter =
        filters.length > 0 ? imageFilter(store.db, filters, conf.unqualifiedSearchRegistries) : undefined;
      const removed = await pruneImages(store, { all, filter });
      for (const id of removed) ctx.stdout.write(`${id}\n`);
    });
  },
};
export default command;
