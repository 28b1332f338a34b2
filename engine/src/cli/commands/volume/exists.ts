// `berth volume exists NAME`: exit 0 when the volume exists, 1 when not, nothing printed.
import type { CommandModule } from '../../command-spec.js';
import { lookupVolume } from '../../../volume/volume-lookup.js';
import { withVolumeStore } from './volume-context.js';

const command: CommandModule = {
  usage: 'VOLUME',
  description:
    'If the given volume exists, berth volume exists exits with 0, otherwise the exit code will be 1.',
  examples: ['berth volume exists myvol'],
  args: { min: 1, max: 1 },
  async run(ctx) {
    return withVolumeStore(ctx, async (store) => (lookupVolume(store.db, ctx.args[0]!) ? 0 : 1));
  },
};
export default command;
