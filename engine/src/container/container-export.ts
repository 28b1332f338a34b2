// `export`: the container's whole filesystem (image plus changes, as the merged overlay shows it)
// as one tar stream, from a running or a stopped container.
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Store } from '../state/store.js';
import { withContainerRootfs } from './container-rootfs-access.js';
import { packTree } from './tree-archive.js';

export async function exportContainer(store: Store, input: string, sink: Writable): Promise<void> {
  await withContainerRootfs(store, input, async ({ rootfs }) => {
    await pipeline(packTree({ source: rootfs, name: '' }), sink, { end: false });
  });
}
