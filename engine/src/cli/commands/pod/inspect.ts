// `berth pod inspect POD...`: podman's pod inspect object (one pod: the object; several: an array),
// or a Go template with --format.
import { inspectPod, podView } from '../../../pod/pod-inspect.js';
import { requirePod } from '../../../pod/pod-lookup.js';
import { listPodRecords } from '../../../pod/pod-records.js';
import type { CommandModule } from '../../command-spec.js';
import { isJsonFormat, renderSingle } from '../../format/render-format.js';
import { CliError } from '../../usage-error.js';
import { withPodStore } from './pod-context.js';

const command: CommandModule = {
  usage: '[options] POD [POD...]',
  description: 'Display the configuration for a pod by name or id',
  examples: ['berth pod inspect podID', "berth pod inspect --format '{{.State}}' mypod"],
  flags: [
    { name: 'format', short: 'f', type: 'string', help: 'Format the output to a Go template or json' },
    { name: 'latest', short: 'l', type: 'bool', help: 'Act on the latest pod berth is aware of' },
  ],
  async run(ctx) {
    const format = ctx.flags.string('format');
    return withPodStore(ctx, async (store) => {
      const inputs = ctx.flags.bool('latest')
        ? listPodRecords(store.db)
            .slice(-1)
            .map((p) => p.id)
        : ctx.args;
      if (inputs.length === 0)
        throw new CliError('you must provide at least one pod name or ID (or --latest)');
      const objects = [];
      for (const input of inputs)
        objects.push(inspectPod(store, await podView(store, requirePod(store.db, input))));
      if (format === undefined || format === '' || isJsonFormat(format)) {
        ctx.stdout.write(`${JSON.stringify(objects.length === 1 ? objects[0] : objects, null, 4)}\n`);
        return;
      }
      for (const object of objects) ctx.stdout.write(renderSingle(format, object));
    });
  },
};
export default command;
