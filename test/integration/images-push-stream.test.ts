// The `images.push` stream the desktop app drives, on a LocalEngine and on a RemoteEngine over
// Berth's API service, against the fixture registry: per-layer progress, the manifest last, a
// round trip into an empty store, and a cancel that cuts the uploads and leaves no tag.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createRemoteEngine, type RemoteEngine } from '../../engine/src/client/remote-engine.js';
import type { Engine } from '../../engine/src/contract/engine-contract.js';
import type { PushProgress } from '../../engine/src/contract/image-types.js';
import { createLocalEngine, type LocalEngine } from '../../engine/src/engine/local-engine.js';
import { startApiService, type ApiService } from './helpers/api-service.js';
import { tempStore, type BerthStore } from './helpers/berth-cli.js';

const registry = () => inject('registryHost');
const noInput: AsyncIterable<never> = {
  [Symbol.asyncIterator]: () => ({ next: async () => ({ done: true, value: undefined as never }) }),
};
const MANIFEST_ACCEPT =
  'application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json';

let store: BerthStore;
let local: LocalEngine;
let api: ApiService;
let remote: RemoteEngine;
const cleanups: (() => void)[] = [];

beforeAll(async () => {
  store = tempStore();
  local = createLocalEngine({ root: store.root, runroot: store.runroot });
  for (const image of ['library/busybox', 'berth/big']) {
    const pulled = await store.run(['pull', '-q', `${registry()}/${image}`], { timeoutMs: 60_000 });
    expect(pulled.code, pulled.stderr).toBe(0);
  }
  api = await startApiService(store);
  remote = createRemoteEngine({ socketPath: api.socket });
}, 120_000);

afterAll(async () => {
  await api?.stop();
  local?.close();
  store?.cleanup();
  for (const cleanup of cleanups) cleanup();
});

function uniqueRepo(label: string): string {
  return `pushed/${label}-${Math.random().toString(36).slice(2, 8)}`;
}

async function manifestStatus(repository: string, tag: string): Promise<number> {
  const res = await fetch(`http://${registry()}/v2/${repository}/manifests/${tag}`, {
    headers: { accept: MANIFEST_ACCEPT },
  });
  await res.body?.cancel();
  return res.status;
}

async function pushAll(engine: Engine, input: Parameters<Engine['images.push']>[0]): Promise<PushProgress[]> {
  const items: PushProgress[] = [];
  for await (const item of engine['images.push'](input, {
    signal: new AbortController().signal,
    incoming: noInput,
  }))
    items.push(item);
  return items;
}

/** Pushes berth/big (about 50 MB) and cancels once its uploads are under way. */
async function cancelledPush(engine: Engine, destination: string): Promise<PushProgress[]> {
  const controller = new AbortController();
  const items: PushProgress[] = [];
  const started = Date.now();
  for await (const item of engine['images.push'](
    { image: `${registry()}/berth/big`, destination },
    { signal: controller.signal, incoming: noInput },
  )) {
    items.push(item);
    if (item.type === 'layer' && item.status === 'progress' && item.done > 0) controller.abort();
  }
  expect(controller.signal.aborted).toBe(true);
  // The stream ends once the push has stopped, not when the uploads would have finished.
  expect(Date.now() - started).toBeLessThan(20_000);
  return items;
}

describe('images.push on a LocalEngine', () => {
  it('pushes to a new repository with per-layer progress, manifest last, and pulls back the same image', async () => {
    const repo = uniqueRepo('desktop');
    const destination = `${registry()}/${repo}:v1`;
    const items = await pushAll(local, { image: `${registry()}/library/busybox`, destination });
    expect(items[0]).toEqual({ type: 'started', destination, layers: 1 });
    const layer = items.filter((i) => i.type === 'layer');
    // Another repository of the same registry has the layer: it is mounted, not sent again.
    expect(layer.at(-1)).toMatchObject({ status: 'skipped', reason: 'mounted' });
    expect(items.at(-2)).toMatchObject({ type: 'config' });
    const manifest = items.at(-1)!;
    expect(manifest).toMatchObject({ type: 'manifest', digest: expect.stringMatching(/^sha256:/) });
    expect(await manifestStatus(repo, 'v1')).toBe(200);

    const fresh = tempStore();
    cleanups.push(() => fresh.cleanup());
    const back = await fresh.run(['pull', '-q', destination]);
    expect(back.code, back.stderr).toBe(0);
    const [original] = await local['images.list']({ filters: [`reference=${registry()}/library/busybox`] });
    expect(back.stdout.trim()).toBe(original!.Id);
  });

  it('uploads what the registry lacks, reporting bytes as they go', async () => {
    // The image's own name on another registry host (the same registry as localhost): no mount
    // source there, so every blob goes up.
    const port = registry().split(':')[1];
    const repo = uniqueRepo('upload');
    const items = await pushAll(local, {
      image: `${registry()}/library/busybox`,
      destination: `localhost:${port}/${repo}:v1`,
    });
    const layer = items.filter((i) => i.type === 'layer');
    expect(layer.map((i) => i.status)).toEqual(expect.arrayContaining(['started', 'progress', 'done']));
    const done = layer.find((i) => i.status === 'done')!;
    expect(done.done).toBe(done.total);
    expect(await manifestStatus(repo, 'v1')).toBe(200);
  });

  it('cancelling cuts the uploads and leaves no tag at the destination', async () => {
    const repo = uniqueRepo('cancelled');
    const port = registry().split(':')[1];
    const items = await cancelledPush(local, `localhost:${port}/${repo}:v1`);
    expect(items.some((i) => i.type === 'manifest')).toBe(false);
    // Five 10 MB layers were under way: not all of them got to the end.
    expect(items.filter((i) => i.type === 'layer' && i.status === 'done').length).toBeLessThan(6);
    expect(await manifestStatus(repo, 'v1')).toBe(404);
    // The store is fine, and the same push now completes.
    const again = await pushAll(local, {
      image: `${registry()}/berth/big`,
      destination: `localhost:${port}/${repo}:v1`,
    });
    expect(again.at(-1)).toMatchObject({ type: 'manifest' });
    expect(await manifestStatus(repo, 'v1')).toBe(200);
  });

  it('fails clearly for an image without a name to push to', async () => {
    await expect(pushAll(local, { image: 'no-such-image' })).rejects.toMatchObject({ wireCode: 'not-found' });
  });
});

describe("images.push on a RemoteEngine (Berth's API service)", () => {
  it('tags the image with the destination, pushes it with progress, and the registry has it', async () => {
    const repo = uniqueRepo('remote');
    const destination = `${registry()}/${repo}:v2`;
    const items = await pushAll(remote, { image: `${registry()}/library/busybox`, destination });
    expect(items[0]).toEqual({ type: 'started', destination, layers: 1 });
    expect(items.some((i) => i.type === 'layer')).toBe(true);
    expect(items.at(-1)).toMatchObject({ type: 'manifest', digest: expect.stringMatching(/^sha256:/) });
    expect(await manifestStatus(repo, 'v2')).toBe(200);
    // Docker's push has no destination: the name it pushed is now the image's too.
    const [image] = await remote['images.list']({ filters: [`reference=${destination}`] });
    expect(image?.RepoTags).toContain(destination);
  });

  it('cancelling aborts the push on the service and leaves no tag', async () => {
    const repo = uniqueRepo('remote-cancelled');
    const port = registry().split(':')[1];
    const items = await cancelledPush(remote, `localhost:${port}/${repo}:v1`);
    expect(items.some((i) => i.type === 'manifest')).toBe(false);
    // The service stops when the request goes: give it a moment, then check nothing was tagged.
    await new Promise((r) => setTimeout(r, 1000));
    expect(await manifestStatus(repo, 'v1')).toBe(404);
  });

  it('lists layers with their steps, and says why it cannot list a layer’s files', async () => {
    const layers = await remote['images.layers']({ image: `${registry()}/library/busybox` });
    expect(layers).toEqual([expect.objectContaining({ index: 0, createdBy: 'ADD busybox-static /' })]);
    expect(layers[0]!.size).toBeGreaterThan(1_000_000);
    await expect(
      remote['images.layerFiles']({ image: `${registry()}/library/busybox`, layer: 0 }),
    ).rejects.toThrow(/needs a local engine: the Docker API this connection speaks has no call for it/);
  });
});
