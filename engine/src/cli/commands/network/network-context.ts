// What every network command needs: the store named by --root/--runroot (closed afterwards), the
// container domain's hooks, and network errors turned into CLI errors with their exit codes.
import { registerContainerHooks } from '../../../container/container-hooks.js';
import { NetworkError } from '../../../network/network-errors.js';
import { openStore, type Store } from '../../../state/store.js';
import type { CommandContext } from '../../command-spec.js';
import { CliError } from '../../usage-error.js';

export async function withNetworkStore<T>(
  ctx: CommandContext,
  work: (store: Store) => Promise<T>,
): Promise<T> {
  registerContainerHooks();
  const store = openStore({ root: ctx.global.root, runroot: ctx.global.runroot });
  try {
    return await work(store);
  } catch (error) {
    if (error instanceof NetworkError) throw new CliError(error.message, error.exitCode);
    throw error;
  } finally {
    store.close();
  }
}

/** `key=value` entries (labels, -o options) as a map; a bare key gets "". */
export function keyValueMap(entries: readonly string[], what: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of entries) {
    const eq = entry.indexOf('=');
    const key = eq < 0 ? entry : entry.slice(0, eq);
    if (key === '') throw new CliError(`invalid ${what} "${entry}": the key is empty`);
    out[key] = eq < 0 ? '' : entry.slice(eq + 1);
  }
  return out;
}
