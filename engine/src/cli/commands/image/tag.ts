// `berth tag IMAGE TARGET_NAME...`: adds names; short names become localhost/NAME:latest.
import type { CommandModule } from '../../command-spec.js';
import { tagImage } from '../../../image/image-names.js';
import { withImageStore } from './image-context.js';

const command: CommandModule = {
  usage: 'IMAGE TARGET_NAME [TARGET_NAME...]',
  description: 'Adds one or more additional names to locally-stored image.',
  examples: ['berth tag 0e3bbc2 fedora:latest', 'berth tag httpd myregistryhost:5000/fedora/httpd:v2'],
  args: { min: 2 },
  async run(ctx) {
    return withImageStore(ctx, async ({ store, conf }) => {
      await tagImage(store, ctx.args[0]!, ctx.args.slice(1), conf.unqualifiedSearchRegistries);
    });
  },
};
export default command;
