// The layer explorer's engine side (LocalEngine's images.layers and images.layerFiles) on images
// pulled from the fixture registry: busybox's one layer, and berth/whiteout, whose top layer
// replaces a file, adds one, deletes one (a whiteout) and makes a directory opaque.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { LayerFileEntry } from '../../engine/src/contract/image-types.js';
import { createLocalEngine, type LocalEngine } from '../../engine/src/engine/local-engine.js';
import { tempStore, type BerthStore } from './helpers/berth-cli.js';

const registry = () => inject('registryHost');
let store: BerthStore;
let engine: LocalEngine;

const noInput: AsyncIterable<never> = {
  [Symbol.asyncIterator]: () => ({ next: async () => ({ done: true, value: undefined as never }) }),
};

async function pull(reference: string): Promise<string> {
  let imageId = '';
  for await (const event of engine['images.pull'](
    { reference },
    { signal: new AbortController().signal, incoming: noInput },
  ))
    if (event.type === 'stored') imageId = event.imageId;
  expect(imageId).not.toBe('');
  return imageId;
}

beforeAll(() => {
  store = tempStore();
  engine = createLocalEngine({ root: store.root, runroot: store.runroot });
});
afterAll(() => {
  engine?.close();
  store?.cleanup();
});

const byPath = (entries: LayerFileEntry[]) => new Map(entries.map((e) => [e.path, e]));

describe('LocalEngine layer explorer', () => {
  it('lists busybox’s layer with the step that made it, and its files', async () => {
    const id = await pull(`${registry()}/library/busybox`);
    const layers = await engine['images.layers']({ image: id });
    const inspect = await engine['images.inspect']({ image: id });
    expect(layers).toEqual([
      {
        index: 0,
        diffId: inspect.RootFS.Layers[0],
        size: expect.any(Number),
        createdBy: 'ADD busybox-static /',
        created: expect.any(String),
        comment: '',
      },
    ]);
    expect(layers[0]!.size).toBeGreaterThan(1_000_000);

    const files = await engine['images.layerFiles']({ image: id, layer: 0 });
    expect(files.diffId).toBe(inspect.RootFS.Layers[0]);
    expect(files.truncated).toBe(false);
    const entries = byPath(files.entries);
    // The bottom layer only adds; busybox itself is a file of about a megabyte or more.
    expect(files.entries.every((e) => e.kind === 'added')).toBe(true);
    expect(entries.get('/bin')).toMatchObject({ type: 'dir', size: 0 });
    const busybox = entries.get('/bin/busybox')!;
    expect(busybox).toMatchObject({ kind: 'added', type: 'file' });
    expect(busybox.size).toBeGreaterThan(500_000);
    // Sorted by path, parents before children.
    const paths = files.entries.map((e) => e.path);
    expect(paths).toEqual([...paths].sort());
  });

  it('tells added, modified, removed and opaque apart in an upper layer', async () => {
    const id = await pull(`${registry()}/berth/whiteout`);
    const layers = await engine['images.layers']({ image: id });
    expect(layers.map((l) => l.createdBy)).toEqual([
      'ADD busybox-static /',
      'ADD data /',
      'RUN rm data/remove.txt && rm -rf opq/*',
    ]);
    const middle = await engine['images.layerFiles']({ image: id, layer: 1 });
    expect(middle.entries.map((e) => [e.path, e.kind])).toEqual([
      ['/data', 'added'],
      ['/data/keep.txt', 'added'],
      ['/data/remove.txt', 'added'],
      ['/opq', 'added'],
      ['/opq/a.txt', 'added'],
      ['/opq/b.txt', 'added'],
    ]);
    const top = await engine['images.layerFiles']({ image: id, layer: 2 });
    expect(top.entries).toEqual([
      { path: '/data', kind: 'modified', type: 'dir', size: 0 },
      { path: '/data/keep.txt', kind: 'modified', type: 'file', size: 'replaced\n'.length },
      { path: '/data/new.txt', kind: 'added', type: 'file', size: 'new\n'.length },
      // The whiteout reports what it deletes: the lower layer's file and its size.
      { path: '/data/remove.txt', kind: 'removed', type: 'file', size: 'to be removed\n'.length },
      { path: '/opq', kind: 'opaque', type: 'dir', size: 0 },
      // What the opaque directory hides is gone; c.txt is new.
      { path: '/opq/a.txt', kind: 'removed', type: 'file', size: 2 },
      { path: '/opq/b.txt', kind: 'removed', type: 'file', size: 2 },
      { path: '/opq/c.txt', kind: 'added', type: 'file', size: 2 },
    ]);
  });

  it('refuses a layer the image does not have, and an unknown image, saying what to do', async () => {
    const id = await pull(`${registry()}/library/busybox`);
    await expect(engine['images.layerFiles']({ image: id, layer: 1 })).rejects.toMatchObject({
      wireCode: 'invalid-input',
      message: expect.stringMatching(/has 1 layer \(0 to 0\): there is no layer 1: pick a layer/),
    });
    await expect(engine['images.layerFiles']({ image: 'no-such-image', layer: 0 })).rejects.toMatchObject({
      wireCode: 'not-found',
    });
    await expect(engine['images.layers']({ image: 'no-such-image' })).rejects.toMatchObject({
      wireCode: 'not-found',
    });
  });
});
