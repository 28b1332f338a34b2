// A docker-archive of N small images that share the fixture busybox layer and differ by a label:
// how the `images` benchmark fills Berth's and podman's stores alike (both `load` it).
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { gunzipSync } from 'node:zlib';
import tar from 'tar-stream';
import { fixtureLayout } from '../test/fixtures/images/fixture-cache.js';

export async function writeManyImagesArchive(file: string, count: number): Promise<void> {
  const layout = await fixtureLayout();
  const manifest = JSON.parse(layout.blob(layout.image('library/busybox').descriptor.digest).toString()) as {
    layers: { digest: string }[];
  };
  const layer = gunzipSync(layout.blob(manifest.layers[0]!.digest));
  const diffId = `sha256:${createHash('sha256').update(layer).digest('hex')}`;
  const pack = tar.pack();
  const writing = pipeline(pack, createWriteStream(file));
  pack.entry({ name: 'layer.tar' }, layer);
  const entries = [];
  for (let i = 0; i < count; i++) {
    const config = Buffer.from(
      JSON.stringify({
        created: new Date(Date.UTC(2024, 0, 1, 0, 0, i)).toISOString(),
        architecture: 'amd64',
        os: 'linux',
        config: { Cmd: ['sh'], Labels: { 'bench.index': String(i) } },
        rootfs: { type: 'layers', diff_ids: [diffId] },
        history: [{ created_by: 'ADD busybox-static /' }],
      }),
    );
    const name = `${createHash('sha256').update(config).digest('hex')}.json`;
    pack.entry({ name }, config);
    entries.push({ Config: name, RepoTags: [`localhost/bench/image${i}:latest`], Layers: ['layer.tar'] });
  }
  pack.entry({ name: 'manifest.json' }, JSON.stringify(entries));
  pack.finalize();
  await writing;
}
