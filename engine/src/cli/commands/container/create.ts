// `berth create IMAGE [COMMAND [ARG...]]`: records a container and prints its ID.
import { createContainer } from '../../../container/create-container.js';
import type { CommandModule } from '../../command-spec.js';
import { withContainerStore } from './container-context.js';
import { CREATE_FLAGS, createRequestFrom } from './create-flags.js';
import { ensureImage } from './ensure-image.js';

const command: CommandModule = {
  usage: '[options] IMAGE [COMMAND [ARG...]]',
  description:
    "Creates a new container from the given image or storage and prepares it for running the specified command.\n\n  The container ID is then printed to stdout. You can then start it at any time with the berth start <container_id> command. The container will be created with the initial state 'created'.",
  examples: [
    'berth create alpine ls',
    'berth create --annotation HELLO=WORLD alpine ls',
    'berth create -t -i --name myctr alpine ls',
  ],
  flags: CREATE_FLAGS,
  args: { min: 1 },
  interspersed: false,
  async run(ctx) {
    return withContainerStore(ctx, async (store, conf) => {
      const request = createRequestFrom(ctx);
      const { imageId, searchRegistries } = await ensureImage(ctx, store, conf, request.image);
      const record = await createContainer(store, {
        ...request,
        searchRegistries,
        imageId,
      });
      ctx.stdout.write(`${record.id}\n`);
    });
  },
};
export default command;
