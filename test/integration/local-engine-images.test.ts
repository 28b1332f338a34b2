// The desktop engine's images domain (LocalEngine, as the desktop app and web mode use it)
// against the fixture registry: pull as a stream of progress, list, inspect, history, tag,
// remove and prune; and a cancelled pull that leaves the store as it was.
import { existsSync, readdirSync } from 'node:fs';
import { afterAll, describe, expect, inject, it } from 'vitest';
import type { PullProgress } from '../../engine/src/contract/image-types.js';
import { createLocalEngine, type LocalEngine } from '../../engine/src/engine/local-engine.js';
import { imageStoreLayout } from '../../engine/src/image/store-layout.js';
import { tempStore, type BerthStore } from './helpers/berth-cli.js';

const registry = () => inject('registryHost');
const opened: { store: BerthStore; engine: LocalEngine }[] = [];
afterAll(() => {
  for (const { store, engine } of opened) {
    engine.close();
    store.cleanup();
  }
});

function newEngine() {
  const store = tempStore();
  const engine = createLocalEngine({ root: store.root, runroot: store.runroot });
  opened.push({ store, engine });
  return { store, engine };
}

const noInput: AsyncIterable<never> = {
  [Symbol.asyncIterator]: () => ({ next: async () => ({ done: true, value: undefined as never }) }),
};

function entries(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir) : [];
}

describe('LocalEngine images', () => {
  it('pulls with per-layer progress, then lists, inspects, tags and removes', async () => {
    const { engine } = newEngine();
    const reference = `${registry()}/library/httpd`;
    const events: PullProgress[] = [];
    const pull = engine['images.pull'](
      { reference },
      { signal: new AbortController().signal, incoming: noInput },
    );
    for await (const event of pull) events.push(event);
    expect(events[0]).toEqual({ type: 'trying', reference: `${reference}:latest` });
    expect(events.find((e) => e.type === 'resolved')).toMatchObject({ layers: 2 });
    const layerDone = events.filter((e) => e.type === 'layer' && e.status === 'done');
    expect(layerDone).toHaveLength(2);
    const stored = events.at(-1)!;
    expect(stored).toMatchObject({ type: 'stored', names: [`${reference}:latest`] });
    const imageId = (stored as { imageId: string }).imageId;

    const [summary, ...others] = await engine['images.list']({ filters: [] });
    expect(others).toEqual([]);
    expect(summary).toMatchObject({ Id: imageId, RepoTags: [`${reference}:latest`], Dangling: false });
    expect(summary!.Size).toBeGreaterThan(1_000_000);

    const inspect = await engine['images.inspect']({ image: reference });
    expect(inspect.Id).toBe(imageId);
    expect(inspect.RootFS.Layers).toHaveLength(2);
    const history = await engine['images.history']({ image: imageId.slice(0, 12) });
    expect(history.map((h) => h.createdBy)).toEqual(['COPY index.html /www/', 'ADD busybox-static /']);

    await expect(engine['images.tag']({ image: imageId, tags: ['web:v1'] })).resolves.toEqual({
      tags: ['localhost/web:v1'],
    });
    expect((await engine['images.list']({ filters: ['reference=web'] }))[0]!.RepoTags).toContain(
      'localhost/web:v1',
    );
    // By name: only that name goes while the image has others.
    await expect(engine['images.remove']({ images: ['localhost/web:v1'], force: false })).resolves.toEqual({
      untagged: ['localhost/web:v1'],
      deleted: [],
      errors: [],
    });
    const missing = await engine['images.remove']({ images: ['nothing-here'], force: false });
    expect(missing.errors).toEqual([{ message: expect.stringContaining('nothing-here'), code: 'not-found' }]);
    await expect(engine['images.inspect']({ image: 'nothing-here' })).rejects.toMatchObject({
      wireCode: 'not-found',
    });
    await expect(engine['images.prune']({ all: false })).resolves.toEqual({ removed: [] });
    const removed = await engine['images.remove']({ images: [imageId], force: false });
    expect(removed.deleted).toEqual([imageId]);
    expect(await engine['images.list']({ filters: [] })).toEqual([]);
  });

  it('cancelling a pull mid-download aborts it and leaves the store as it was', async () => {
    const { store, engine } = newEngine();
    const controller = new AbortController();
    const reference = `${registry()}/berth/big`;
    const seen: PullProgress[] = [];
    for await (const event of engine['images.pull'](
      { reference },
      { signal: controller.signal, incoming: noInput },
    )) {
      seen.push(event);
      // Abort once a layer is complete while the big ones are still downloading: the finished
      // layer must be removed again, the downloads cut, their temporary files cleaned up.
      if (event.type === 'layer' && event.status === 'done') controller.abort();
    }
    expect(controller.signal.aborted).toBe(true);
    expect(seen.some((e) => e.type === 'stored')).toBe(false);
    expect(seen.filter((e) => e.type === 'layer' && e.status === 'started').length).toBeGreaterThan(1);
    const layout = imageStoreLayout(store.root);
    expect(await engine['images.list']({ filters: [] })).toEqual([]);
    expect(entries(layout.layersDir)).toEqual([]);
    expect(entries(layout.tmpDir)).toEqual([]);

    // The store is usable: the same pull now completes.
    const again: PullProgress[] = [];
    for await (const e of engine['images.pull'](
      { reference },
      { signal: new AbortController().signal, incoming: noInput },
    ))
      again.push(e);
    expect(again.at(-1)).toMatchObject({ type: 'stored' });
    expect(entries(layout.layersDir)).toHaveLength(6);
  });

  it('streams the store’s events as they happen, from this process and others', async () => {
    const { store, engine } = newEngine();
    const controller = new AbortController();
    const events = engine['events.stream'](
      { follow: true, filters: ['type=image'], since: new Date().toISOString() },
      { signal: controller.signal, incoming: noInput },
    );
    const iterator = events[Symbol.asyncIterator]();
    const next = () => iterator.next().then((r) => r.value!);
    const pulled = store.run(['pull', '-q', `${registry()}/library/busybox`]);
    const pull = await next();
    expect(pull).toMatchObject({ Type: 'image', Status: 'pull' });
    expect(pull.Time).toMatch(/^\d{4}-\d\d-\d\dT.*Z$/);
    const id = (await pulled).stdout.trim();
    expect(pull.ID).toBe(id);
    await engine['images.tag']({ image: id, tags: ['followed:v1'] });
    expect(await next()).toMatchObject({ Status: 'tag', ID: id, Name: 'localhost/followed:v1' });
    controller.abort();
    await expect(iterator.next()).resolves.toMatchObject({ done: true });
    await expect(
      (async () => {
        for await (const _ of engine['events.stream'](
          { follow: false, filters: ['bogus=1'] },
          { signal: new AbortController().signal, incoming: noInput },
        ));
      })(),
    ).rejects.toMatchObject({ wireCode: 'invalid-input' });
  });
});
