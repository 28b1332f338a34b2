// What every volume command needs: the store named by --root/--runroot, closed afterwards, and
// volume errors turned into CLI errors with their exit codes (1: no such volume, 2: in use).
import { registerContainerHooks } from '../../../container/container-hooks.js';
import { openStore, type Store } from '../../../state/store.js';
import type { CommandContext } from '../../command-spec.js';
import { CliError } from '../../usage-error.js';
import { VolumeError } from '../../../volume/volume-errors.js';

export async function withVolumeStore<T>(
  ctx: CommandContext,
  work: (store: Store) => Promise<T>,
): Promise<T> {
  // volume rm/prune/ls must see which containers use a volume.
  registerContainerHooks();
  const store = openStore({ root: ctx.global.root, runroot: ctx.global.runroot });
  try {
    return await work(store);
  } catch (error) {
    if (error instanceof VolumeError) throw new CliError(error.message, error.exitCode);
    throw error;
  } finally {
    store.close();
  }
}

/** Asks on the terminal; true for y/yes. */
export async function confirm(prompt: string, output: NodeJS.WritableStream): Promise<boolean> {
  const { createInterface } = await import('node:readline');
  output.write(prompt);
  const rl = createInterface({ input: process.stdin });
  const answer = await new Promise<string>((resolve) => {
    rl.once('line', resolve);
    rl.once('close', () => resolve(''));
  });
  rl.close();
  return /^y(es)?$/i.test(answer.trim());
}
