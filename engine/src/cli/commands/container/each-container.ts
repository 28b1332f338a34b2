// Commands that act on several containers (start, stop, kill, rm, pause...) as podman's do: each
// named container in turn, its name echoed on success, each failure reported as an `Error: `
// line; the exit code is that of the last failure (0 when none failed).
import { listContainerRecords } from '../../../container/container-records.js';
import type { Store } from '../../../state/store.js';
import type { CommandContext } from '../../command-spec.js';
import { EXIT_ENGINE_ERROR } from '../../usage-error.js';

export interface Selection {
  all?: boolean;
  /** --latest: the most recently created container. */
  latest?: boolean;
}

export async function forEachContainer(
  ctx: CommandContext,
  store: Store,
  selection: Selection,
  act: (input: string) => Promise<string | undefined>,
  options: { echo?: boolean } = {},
): Promise<number> {
  let inputs = ctx.args;
  // --all means the user's containers: a pod's infra container is managed through `pod` commands.
  if (selection.all)
    inputs = listContainerRecords(store.db)
      .filter((r) => !r.config.podInfra)
      .map((r) => r.id);
  else if (selection.latest) {
    const all = listContainerRecords(store.db);
    inputs = all.length > 0 ? [all[all.length - 1]!.id] : [];
  }
  let exitCode = 0;
  for (const input of inputs) {
    try {
      const shown = await act(input);
      if (shown !== undefined && options.echo !== false) ctx.stdout.write(`${shown}\n`);
    } catch (error) {
      ctx.stderr.write(`Error: ${(error as Error).message}\n`);
      const code = (error as { exitCode?: unknown }).exitCode;
      exitCode = typeof code === 'number' ? code : EXIT_ENGINE_ERROR;
    }
  }
  return exitCode;
}
