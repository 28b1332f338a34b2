// `berth diff CONTAINER`: podman's `C /etc`, `A /new`, `D /gone` lines, or --format json.
import { changesAsJson, containerChanges } from '../../../container/container-diff.js';
import { listContainerRecords } from '../../../container/container-records.js';
import type { CommandModule } from '../../command-spec.js';
import { isJsonFormat } from '../../format/render-format.js';
import { CliError } from '../../usage-error.js';
import { withContainerStore } from './container-context.js';

const command: CommandModule = {
  usage: '[options] CONTAINER',
  description: "Display the changes to the object's file system",
  examples: ['berth diff ctrID', 'berth diff --format json ctrID'],
  flags: [
    { name: 'format', type: 'string', help: 'Change the output format (json)' },
    { name: 'latest', short: 'l', type: 'bool', help: 'Act on the latest container berth is aware of' },
  ],
  args: { max: 1 },
  async run(ctx) {
    const format = ctx.flags.string('format');
    if (format !== undefined && format !== '' && !isJsonFormat(format))
      throw new CliError("only supported value for '--format' is 'json'");
    const latest = ctx.flags.bool('latest');
    if (!latest && ctx.args.length === 0) throw new CliError('you must provide a container name or ID');
    return withContainerStore(ctx, async (store) => {
      let input = ctx.args[0];
      if (latest) {
        const all = listContainerRecords(store.db);
        if (all.length === 0) throw new CliError('no containers to diff: create one first');
        input = all[all.length - 1]!.id;
      }
      const changes = await containerChanges(store, input!);
      if (format) ctx.stdout.write(`${JSON.stringify(changesAsJson(changes), null, 5)}\n`);
      else ctx.stdout.write(changes.map((c) => `${c.kind} ${c.path}\n`).join(''));
    });
  },
};
export default command;
