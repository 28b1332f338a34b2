// `berth untag IMAGE [NAME...]`: removes the given names, or all of them; the image stays.
import type { CommandModule } from '../../command-spec.js';
import { untagImage } from '../../../image/image-names.js';
import { withImageStore } from './image-context.js';

const command: CommandModule = {
  usage: 'IMAGE [IMAGE...]',
  description: 'Remove one or more names from a locally-stored image.',
  examples: ['berth untag 0e3bbc2', 'berth untag imageID:latest otherImageName:latest'],
  args: { min: 1 },
  async run(ctx) {
    return withImageStore(ctx, async ({ store, conf }) => {
      await untagImage(store, ctx.args[0]!, ctx.args.slice(1), conf.unqualifiedSearchRegistries);
    });
  },
};
export default command;
