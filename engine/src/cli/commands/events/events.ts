// `berth events` (and `berth system events`): podman's flags and output. Streams new events until
// interrupted (SIGINT/SIGTERM end it cleanly, exit 0); `--stream=false` prints the history and
// exits; --since/--until select a time window (the history from --since comes first).
import type { CommandModule } from '../../command-spec.js';
import { CliError } from '../../usage-error.js';
import { resolveStorePaths } from '../../../config/store-paths.js';
import { compileEventFilters } from '../../../events/event-filters.js';
import { eventJsonObject, eventTemplateData, humanReadableEvent } from '../../../events/event-report.js';
import { readEvents } from '../../../events/read-events.js';
import type { BerthEvent } from '../../../events/event-types.js';
import { parseInputTime } from '../../../events/event-time.js';

async function lineRenderer(
  format: string | undefined,
  noTrunc: boolean,
): Promise<(e: BerthEvent) => string> {
  if (format === undefined) return (e) => `${humanReadableEvent(e, !noTrunc)}\n`;
  const { isJsonFormat, unescapeFormat } = await import('../../format/render-format.js');
  if (isJsonFormat(format)) {
    const { goJson } = await import('../../format/go-json.js');
    return (e) => `${goJson(eventJsonObject(e))}\n`;
  }
  const { compileTemplate } = await import('../../format/go-template.js');
  const render = compileTemplate(unescapeFormat(format.replace(/^table\s?/, '')));
  return (e) => {
    const text = render(eventTemplateData(e));
    return text.endsWith('\n') ? text : `${text}\n`;
  };
}

const command: CommandModule = {
  usage: '[options]',
  description:
    'Monitor Berth events.\n\n  By default, streaming mode is used, printing new events as they occur.  Previous events can be listed via --since and --until.',
  examples: [
    'berth events',
    'berth events --filter event=create',
    'berth events --format {{.Image}}',
    'berth events --since 1h30s',
  ],
  flags: [
    { name: 'filter', short: 'f', type: 'stringArray', help: 'filter output' },
    { name: 'format', type: 'string', help: 'format the output using a Go template' },
    { name: 'no-trunc', type: 'bool', default: true, help: 'do not truncate the output' },
    { name: 'since', type: 'string', help: 'show all events created since timestamp' },
    {
      name: 'stream',
      type: 'bool',
      default: true,
      help: 'stream events and do not exit when returning the last known event',
    },
    { name: 'until', type: 'string', help: 'show all events until timestamp' },
  ],
  args: { max: 0 },
  async run(ctx) {
    if (ctx.global.eventsBackend === 'none')
      throw new CliError('cannot read events with the "none" backend: use --events-backend file');
    const since = ctx.flags.string('since') || undefined;
    const until = ctx.flags.string('until') || undefined;
    // Validate everything before opening the store or waiting for anything.
    const now = BigInt(Date.now()) * 1_000_000n;
    const sinceNs = since === undefined ? undefined : parseInputTime(since, true, now);
    const untilNs = until === undefined ? undefined : parseInputTime(until, false, now);
    const filter = compileEventFilters(ctx.flags.list('filter'), now);
    const format = ctx.flags.has('format') ? ctx.flags.string('format') : undefined;
    const render = await lineRenderer(format, ctx.flags.bool('no-trunc'));

    const controller = new AbortController();
    const stop = () => controller.abort();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    ctx.stdout.on('error', stop); // the reader went away (`berth events | head -1`)
    // Reading needs only the paths: no database, so following costs no lock or connection.
    const paths = resolveStorePaths({ root: ctx.global.root, runroot: ctx.global.runroot });
    try {
      for await (const event of readEvents(
        { paths },
        {
          since: sinceNs,
          until: untilNs,
          filters: filter,
          follow: ctx.flags.bool('stream'),
          signal: controller.signal,
        },
      )) {
        ctx.stdout.write(render(event));
      }
    } finally {
      process.removeListener('SIGINT', stop);
      process.removeListener('SIGTERM', stop);
      ctx.stdout.removeListener('error', stop);
    }
    return 0;
  },
};
export default command;
