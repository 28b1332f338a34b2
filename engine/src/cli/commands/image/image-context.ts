// What every image command needs: the store named by --root/--runroot and the search registries.
import { loadRegistriesConf, type RegistriesConf } from '../../../config/registries-conf.js';
import { registerContainerHooks } from '../../../container/container-hooks.js';
import { openStore, type Store } from '../../../state/store.js';
import type { CommandContext } from '../../command-spec.js';

export interface ImageCommandContext {
  store: Store;
  conf: RegistriesConf;
}

export async function withImageStore<T>(
  ctx: CommandContext,
  work: (c: ImageCommandContext) => Promise<T>,
): Promise<T> {
  // rmi and prune must see which containers use an image.
  registerContainerHooks();
  const conf = loadRegistriesConf();
  const store = openStore({ root: ctx.global.root, runroot: ctx.global.runroot });
  try {
    return await work({ store, conf });
  } finally {
    store.close();
  }
}
