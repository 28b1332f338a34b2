// What every machine command needs: the store named by --root/--runroot (machines live under its
// data folder and lock through its state database), closed afterwards.
import { openStore, type Store } from '../../../state/store.js';
import type { CommandContext } from '../../command-spec.js';

export async function withMachineStore<T>(
  ctx: CommandContext,
  work: (store: Store) => Promise<T>,
): Promise<T> {
  const store = openStore({ root: ctx.global.root, runroot: ctx.global.runroot });
  try {
    return await work(store);
  } finally {
    store.close();
  }
}

/** The NAME argument, or the default machine. */
export async function machineName(ctx: CommandContext, index = 0): Promise<string> {
  const { DEFAULT_MACHINE_NAME } = await import('../../../machine/machine-paths.js');
  return ctx.args[index] ?? DEFAULT_MACHINE_NAME;
}

/** Progress lines on stderr, so stdout stays parseable. */
export function progressTo(ctx: CommandContext): (message: string) => void {
  return (message) => ctx.stderr.write(`${message}\n`);
}
