// What every container command needs: the store named by --root/--runroot, with the container
// domain's hooks registered (rmi refusing images in use, volume rm refusing volumes in use).
import type { RegistriesConf } from '../../../config/registries-conf.js';
import { registerContainerHooks } from '../../../container/container-hooks.js';
import { openStore, type Store } from '../../../state/store.js';
import type { CommandContext } from '../../command-spec.js';

export async function withContainerStore<T>(
  ctx: CommandContext,
  /** `conf` loads registries.conf when first asked (only short names and pulls need it). */
  work: (store: Store, conf: () => Promise<RegistriesConf>) => Promise<T>,
): Promise<T> {
  registerContainerHooks();
  const store = openStore({ root: ctx.global.root, runroot: ctx.global.runroot });
  let conf: Promise<RegistriesConf> | undefined;
  const loadConf = () =>
    (conf ??= import('../../../config/registries-conf.js').then((m) => m.loadRegistriesConf()));
  try {
    return await work(store, loadConf);
  } finally {
    store.close();
  }
}
