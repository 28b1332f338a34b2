// `berth container inspect`: podman's JSON (five-space indent), or a Go template per container.
import { inspectContainer } from '../../../container/container-inspect.js';
import { findContainer, NoSuchContainerError } from '../../../container/container-lookup.js';
import { listContainerRecords } from '../../../container/container-records.js';
import { syncContainer } from '../../../container/container-sync.js';
import type { CommandModule } from '../../command-spec.js';
import { renderFormatted } from '../../format/render-format.js';
import { CliError } from '../../usage-error.js';
import { withContainerStore } from './container-context.js';

/** podman indents inspect output with five spaces (its json.MarshalIndent call). */
export function podmanJson(value: unknown): string {
  return `${JSON.stringify(value, null, 5)}\n`;
}

const command: CommandModule = {
  usage: '[options] CONTAINER [CONTAINER...]',
  description: 'Displays the configuration of a container, as JSON or formatted with a Go template.',
  examples: [
    'berth container inspect myCtr',
    "berth container inspect -l --format '{{.Id}} {{.Config.Labels}}'",
  ],
  flags: [
    { name: 'format', short: 'f', type: 'string', help: 'Format the output to a Go template or json' },
    { name: 'latest', short: 'l', type: 'bool', help: 'Act on the latest container berth is aware of' },
    { name: 'size', short: 's', type: 'bool', help: 'Display total file size' },
  ],
  async run(ctx) {
    if (!ctx.flags.bool('latest') && ctx.args.length === 0)
      throw new CliError('inspect requires at least one argument');
    return withContainerStore(ctx, async (store) => {
      const inputs = ctx.flags.bool('latest')
        ? listContainerRecords(store.db)
            .slice(-1)
            .map((r) => r.id)
        : ctx.args;
      const found: unknown[] = [];
      const missing: string[] = [];
      for (const input of inputs) {
        const record = findContainer(store.db, input);
        if (record) found.push(inspectContainer(store, await syncContainer(store, record)));
        else missing.push(input);
      }
      const format = ctx.flags.string('format');
      if (format && !/^\s*(json|\{\{\s*json\s*\.?\s*\}\})\s*$/.test(format))
        ctx.stdout.write(renderFormatted(format, found, { defaultTable: '', headers: {} }));
      else ctx.stdout.write(podmanJson(found));
      if (missing.length > 0) throw new NoSuchContainerError(missing[0]!);
    });
  },
};
export default command;
