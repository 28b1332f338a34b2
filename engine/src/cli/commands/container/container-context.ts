// What every container command needs: the store named by --root/--runroot, with the container
// domain's hooks registered (rmi refusing images in use, volume rm refusing volumes in use).
import { loadRegistriesConf, type RegistriesConf } from '../../../config/registries-conf.js';
import { registerContainerHooks } from '../../../container/container-hooks.js';
import { openStore, type Store } from '../../../state/store.js';
import type { CommandContext } from '../../command-spec.js';

export async function withContainerStore<T>(
  ctx: CommandContext,
  work: (store: Store, conf: () => RegistriesConf) => Promise<T>,
): Promise<T> {
  registerContainerHooks();
  const store = openStore({ root: ctx.global.root, runroot: ctx.global.runroot });
  let conf: RegistriesConf | undefined;
  try {
    return await work(store, () => (conf ??= loadRegistriesConf()));
  } finally {
    store.close();
  }
}
