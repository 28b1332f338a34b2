// Printing containers' logs as `berth logs` and `berth pod logs` do: every container's k8s-file
// log read at once (following while it runs with -f), each line with an optional prefix and
// timestamp, stdout and stderr kept apart, until all are done or the user presses ctrl-c.
import { containerPaths } from '../../../container/container-paths.js';
import type { ContainerRecord } from '../../../container/container-records.js';
import { parseInputTime } from '../../../events/event-time.js';
import { readContainerLogs } from '../../../runtime/k8s-file-log.js';
import type { Store } from '../../../state/store.js';
import type { CommandContext } from '../../command-spec.js';
import type { ParsedFlags } from '../../flag-parser.js';

export interface LogWindow {
  since?: bigint;
  until?: bigint;
  /** Last N lines; undefined for all. */
  tail?: number;
}

/** --since, --until and --tail, read before the store is opened so that bad values fail first. */
export function logWindowFrom(flags: ParsedFlags): LogWindow {
  const tail = flags.int('tail') ?? -1;
  return {
    since: flags.string('since') ? parseInputTime(flags.string('since')!, true) : undefined,
    until: flags.string('until') ? parseInputTime(flags.string('until')!, false) : undefined,
    tail: tail >= 0 ? tail : undefined,
  };
}

/** Also uses the command's --follow and --timestamps flags. */
export async function printContainerLogs(
  ctx: CommandContext,
  store: Store,
  records: readonly ContainerRecord[],
  window: LogWindow,
  prefixOf: (record: ContainerRecord) => string,
): Promise<void> {
  const f = ctx.flags;
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  try {
    await Promise.all(
      records.map(async (record) => {
        const paths = containerPaths(store.paths, record.id);
        const running = record.state.status === 'running' || record.state.status === 'paused';
        const prefix = prefixOf(record);
        for await (const entry of readContainerLogs(paths.logPath, {
          ...window,
          follow: f.bool('follow') && running,
          exitFile: paths.exitFile,
          conmonPid: record.state.conmonPid || undefined,
          signal: controller.signal,
        })) {
          const line = `${prefix}${f.bool('timestamps') ? `${entry.time} ` : ''}${entry.text}${entry.complete ? '\n' : ''}`;
          const target = entry.stream === 'stderr' ? ctx.stderr : ctx.stdout;
          if (!target.write(line)) await new Promise((r) => target.once('drain', r));
        }
      }),
    );
  } finally {
    process.off('SIGINT', stop);
  }
}
