// The OCI runtime object for a container's recorded runtime name, one per store and name per
// process (selecting means looking up binaries on PATH: do it once).
import type { StorePaths } from '../config/store-paths.js';
import { selectOciRuntime } from '../runtime/oci-runtime-select.js';
import { ociRuntime, runtimeStateDir, type OciRuntime } from '../runtime/oci-runtime.js';

const cache = new Map<string, OciRuntime>();

/** The runtime named (as recorded at create), or the host's default when `name` is undefined. */
export function runtimeFor(store: Pick<StorePaths, 'runRoot'>, name?: string): OciRuntime {
  const key = `${store.runRoot}\0${name ?? ''}`;
  let runtime = cache.get(key);
  if (!runtime) {
    const choice = selectOciRuntime(name);
    runtime = ociRuntime(choice, runtimeStateDir(store.runRoot, choice.name));
    cache.set(key, runtime);
    cache.set(`${store.runRoot}\0${choice.name}`, runtime);
  }
  return runtime;
}
