// `berth commit CONTAINER [IMAGE]`: a new image from the container's changes; progress on stderr,
// the new image's ID on stdout.
import { writeFileSync } from 'node:fs';
import { commitContainer } from '../../../container/container-commit.js';
import type { CommandModule } from '../../command-spec.js';
import { CliError } from '../../usage-error.js';
import { withContainerStore } from './container-context.js';

const command: CommandModule = {
  usage: '[options] CONTAINER [IMAGE]',
  description:
    "Create an image from a container's changes. Optionally tag the image created, set the author with the --author flag, set the commit message with the --message flag, and make changes to the instructions with the --change flag.",
  examples: [
    'berth commit -q --message "committing container to image" reverent_golick image-committed',
    'berth commit -q --author "firstName lastName" reverent_golick image-committed',
    'berth commit -q --pause=false containerID image-committed',
    'berth commit containerID',
  ],
  flags: [
    { name: 'author', short: 'a', type: 'string', help: 'Set the author for the image committed' },
    {
      name: 'change',
      short: 'c',
      type: 'stringArray',
      help: 'Apply the following possible instructions to the created image (default []): CMD | ENTRYPOINT | ENV | EXPOSE | LABEL | ONBUILD | STOPSIGNAL | USER | VOLUME | WORKDIR',
    },
    {
      name: 'format',
      short: 'f',
      type: 'string',
      default: 'oci',
      valueName: 'Format',
      help: 'Format of the image manifest and metadata',
    },
    { name: 'iidfile', type: 'string', valueName: 'file', help: 'file to write the image ID to' },
    { name: 'include-volumes', type: 'bool', help: 'Include container volumes as image volumes' },
    { name: 'message', short: 'm', type: 'string', help: 'Set commit message for imported image' },
    { name: 'pause', short: 'p', type: 'bool', default: true, help: 'Pause container during commit' },
    { name: 'quiet', short: 'q', type: 'bool', help: 'Suppress output' },
    { name: 'squash', short: 's', type: 'bool', help: 'squash newly built layers into a single new layer' },
  ],
  args: { min: 1, max: 2 },
  async run(ctx) {
    const f = ctx.flags;
    const format = f.string('format') ?? 'oci';
    if (format !== 'oci' && format !== 'docker')
      throw new CliError(`unrecognized image type "${format}": use oci or docker`);
    return withContainerStore(ctx, async (store) => {
      const imageId = await commitContainer(store, ctx.args[0]!, {
        reference: ctx.args[1],
        changes: f.list('change'),
        message: f.string('message') || undefined,
        author: f.string('author') || undefined,
        pause: f.bool('pause'),
        format,
        includeVolumes: f.bool('include-volumes'),
        squash: f.bool('squash'),
        onProgress: f.bool('quiet') ? undefined : (line) => ctx.stderr.write(`${line}\n`),
      });
      const iidfile = f.string('iidfile');
      if (iidfile) writeFileSync(iidfile, `sha256:${imageId}`);
      ctx.stdout.write(`${imageId}\n`);
    });
  },
};
export default command;
