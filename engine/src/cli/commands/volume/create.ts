// `berth volume create [NAME]`: prints the volume's name (a random one when none is given).
import type { CommandModule } from '../../command-spec.js';
import { createVolume } from '../../../volume/volume-create.js';
import { parseKeyValueList } from '../../../volume/volume-options.js';
import { withVolumeStore } from './volume-context.js';

const command: CommandModule = {
  usage: '[options] [NAME]',
  description:
    'Creates a new volume. If using the default driver, "local", the volume will be created on the host in the volumes directory under the storage root.',
  examples: [
    'berth volume create myvol',
    'berth volume create',
    'berth volume create --label foo=bar myvol',
    'berth volume create -o type=tmpfs -o device=tmpfs -o o=size=64m scratch',
  ],
  flags: [
    { name: 'driver', short: 'd', type: 'string', default: 'local', help: 'Specify volume driver name' },
    { name: 'gid', type: 'int', help: 'Set the GID of the volume owner' },
    { name: 'ignore', type: 'bool', help: "Don't fail if volume already exists" },
    { name: 'label', short: 'l', type: 'stringArray', help: 'Set metadata for a volume (default [])' },
    { name: 'opt', short: 'o', type: 'stringArray', help: 'Set driver specific options (default [])' },
    { name: 'uid', type: 'int', help: 'Set the UID of the volume owner' },
  ],
  args: { max: 1 },
  async run(ctx) {
    return withVolumeStore(ctx, async (store) => {
      const { volume } = await createVolume(store, {
        name: ctx.args[0],
        driver: ctx.flags.string('driver') || 'local',
        labels: parseKeyValueList(ctx.flags.list('label')),
        options: parseKeyValueList(ctx.flags.list('opt')),
        ignoreIfExists: ctx.flags.bool('ignore'),
        uid: ctx.flags.has('uid') ? ctx.flags.int('uid') : undefined,
        gid: ctx.flags.has('gid') ? ctx.flags.int('gid') : undefined,
      });
      ctx.stdout.write(`${volume.name}\n`);
    });
  },
};
export default command;
