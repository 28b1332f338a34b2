// `berth push` against the fixture registry (through a recording proxy, to see what went over the
// wire): uploads, HEAD checks, cross-repository mounts, formats, round trips into empty stores,
// and interoperability with podman in both directions.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { tempStore, type BerthStore } from './helpers/berth-cli.js';
import { PODMAN_AVAILABLE, tempPodmanStore } from './helpers/podman-store.js';
import { startRecordingProxy } from './helpers/recording-proxy.js';

const registry = () => inject('registryHost');
const stores: BerthStore[] = [];
function newStore(): BerthStore {
  const s = tempStore();
  stores.push(s);
  return s;
}
afterAll(() => {
  for (const s of stores) s.cleanup();
});

const MANIFEST_ACCEPT =
  'application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json';

async function registryManifest(
  repository: string,
  tag: string,
): Promise<{ digest: string; body: { mediaType: string; layers: { mediaType: string; digest: string }[] } }> {
  const res = await fetch(`http://${registry()}/v2/${repository}/manifests/${tag}`, {
    headers: { accept: MANIFEST_ACCEPT },
  });
  expect(res.status).toBe(200);
  return { digest: res.headers.get('docker-content-digest')!, body: await res.json() };
}

function uniqueRepo(label: string): string {
  return `pushed/${label}-${Math.random().toString(36).slice(2, 8)}`;
}

describe('berth push', () => {
  it('uploads to a new repository, mounts blobs from the repository they came from, and pulls back identical', async () => {
    const store = newStore();
    const proxy = await startRecordingProxy(registry());
    try {
      // Pulled through the proxy: the layers' source repository is proxy/library/httpd.
      const pulled = await store.run(['pull', '-q', `${proxy.host}/library/httpd`]);
      expect(pulled.code, pulled.stderr).toBe(0);
      const id = pulled.stdout.trim();
      const original = await registryManifest('library/httpd', 'latest');
      const repo = uniqueRepo('httpd');
      proxy.requests.length = 0;
      const pushed = await store.run(['push', `${proxy.host}/library/httpd`, `${proxy.host}/${repo}:v1`]);
      expect(pushed.code, pushed.stderr).toBe(0);
      // Layers go in parallel: their lines come in any order, between podman's fixed lines.
      const lines = pushed.stderr.split('\n');
      expect(lines[0]).toBe('Getting image source signatures');
      expect(lines.slice(1, -4).sort()).toEqual(
        original.body.layers.map((l) => `Copying blob ${l.digest}`).sort(),
      );
      expect(lines.slice(-4)).toEqual([
        `Copying config sha256:${id}`,
        'Writing manifest to image destination',
        'Storing signatures',
        '',
      ]);
      // Every layer was mounted from library/httpd (201), none uploaded; the manifest came last.
      const mounts = proxy.requests.filter((r) => r.method === 'POST' && r.url.includes('mount='));
      expect(mounts.map((r) => r.status)).toEqual(original.body.layers.map(() => 201).concat(201));
      expect(mounts.every((r) => r.url.includes('from=library%2Fhttpd'))).toBe(true);
      expect(
        proxy.requests.filter(
          (r) => r.method === 'PATCH' || (r.method === 'PUT' && r.url.includes('/blobs/')),
        ),
      ).toEqual([]);
      expect(proxy.requests.at(-1)).toMatchObject({
        method: 'PUT',
        url: `/v2/${repo}/manifests/v1`,
        status: 201,
      });
      // The manifest went as pulled, byte for byte: same digest as the source.
      expect((await registryManifest(repo, 'v1')).digest).toBe(original.digest);
      // Pushing again finds everything there: HEADs, no upload, no mount.
      proxy.requests.length = 0;
      const again = await store.run([
        'push',
        '-q',
        `${proxy.host}/library/httpd`,
        `${proxy.host}/${repo}:v1`,
      ]);
      expect(again).toMatchObject({ code: 0, stdout: '', stderr: '' });
      expect(proxy.requests.filter((r) => r.method === 'POST' || r.method === 'PATCH')).toEqual([]);
      // Pulled back into an empty store: the same image ID.
      const fresh = newStore();
      const back = await fresh.run(['pull', '-q', `${registry()}/${repo}:v1`]);
      expect(back.code, back.stderr).toBe(0);
      expect(back.stdout.trim()).toBe(id);
    } finally {
      await proxy.close();
    }
  });

  it('uploads blobs a repository lacks (POST then PUT), converts with --format oci, and writes --digestfile', async () => {
    const store = newStore();
    expect((await store.run(['pull', '-q', `${registry()}/library/busybox`])).code).toBe(0);
    // Another registry (the proxy's host differs): nothing can be mounted, everything is uploaded.
    const proxy = await startRecordingProxy(registry());
    const repo = uniqueRepo('busybox-oci');
    const digestFile = path.join(store.root, '..', 'digest');
    try {
      const pushed = await store.run([
        'push',
        '--format',
        'oci',
        '--digestfile',
        digestFile,
        `${registry()}/library/busybox`,
        `${proxy.host}/${repo}:oci`,
      ]);
      expect(pushed.code, pushed.stderr).toBe(0);
      const uploads = proxy.requests.filter((r) => r.method === 'PUT' && r.url.includes('/blobs/uploads/'));
      expect(uploads.map((r) => r.status)).toEqual([201, 201]);
      const manifest = await registryManifest(repo, 'oci');
      expect(manifest.body.mediaType).toBe('application/vnd.oci.image.manifest.v1+json');
      expect(manifest.body.layers[0]!.mediaType).toBe('application/vnd.oci.image.layer.v1.tar+gzip');
      expect(readFileSync(digestFile, 'utf8')).toBe(manifest.digest);
    } finally {
      await proxy.close();
    }
    const fresh = newStore();
    const original = (await store.run(['images', '-q', '--no-trunc'])).stdout.trim();
    const back = await fresh.run(['pull', '-q', `${registry()}/${repo}:oci`]);
    expect(`sha256:${back.stdout.trim()}`).toBe(original);
  });

  it('compresses layers kept uncompressed (a loaded docker-archive) with a chunked upload, the same way each time', async () => {
    const store = newStore();
    expect((await store.run(['pull', '-q', `${registry()}/library/busybox`])).code).toBe(0);
    const archive = path.join(store.root, '..', 'busybox.tar');
    expect((await store.run(['save', '-q', '-o', archive, `${registry()}/library/busybox`])).code).toBe(0);
    const loader = newStore();
    const loaded = await loader.run(['load', '-q', '-i', archive]);
    expect(loaded.code, loaded.stderr).toBe(0);
    const proxy = await startRecordingProxy(registry());
    try {
      const first = uniqueRepo('gz1');
      const second = uniqueRepo('gz2');
      const a = await loader.run(['push', '-q', `${registry()}/library/busybox`, `${proxy.host}/${first}`]);
      expect(a.code, a.stderr).toBe(0);
      expect(proxy.requests.some((r) => r.method === 'PATCH' && r.status === 202)).toBe(true);
      const b = await loader.run(['push', '-q', `${registry()}/library/busybox`, `${registry()}/${second}`]);
      expect(b.code, b.stderr).toBe(0);
      const [ma, mb] = [await registryManifest(first, 'latest'), await registryManifest(second, 'latest')];
      expect(ma.body.layers[0]!.mediaType).toBe('application/vnd.docker.image.rootfs.diff.tar.gzip');
      expect(mb.body.layers[0]!.digest).toBe(ma.body.layers[0]!.digest);
      // The image survives the conversion: the same ID when pulled back into an empty store.
      const fresh = newStore();
      const back = await fresh.run(['pull', '-q', `${registry()}/${second}`]);
      expect(back.stdout.trim()).toBe(
        (await loader.run(['images', '-q', '--no-trunc'])).stdout.trim().replace('sha256:', ''),
      );
    } finally {
      await proxy.close();
    }
  });

  it('reports an unknown image and an unreachable registry in one Error line, exit 125', async () => {
    const store = newStore();
    const unknown = await store.run(['push', 'nothing-here:1', `${registry()}/x/y`]);
    expect(unknown.code).toBe(125);
    expect(unknown.stderr).toMatch(/^Error: nothing-here:1: image not known/);
    expect((await store.run(['pull', '-q', `${registry()}/library/busybox`])).code).toBe(0);
    const unreachable = await store.run(['push', `${registry()}/library/busybox`, '127.0.0.1:1/x/y']);
    expect(unreachable.code).toBe(125);
    expect(unreachable.stderr.split('\n').filter((l) => l.startsWith('Error: '))).toHaveLength(1);
    expect(unreachable.stderr).toMatch(
      /Error: pushing 127\.0\.0\.1:1\/x\/y:latest: pinging container registry 127\.0\.0\.1:1: .*ECONNREFUSED/,
    );
  });

  it.skipIf(!PODMAN_AVAILABLE)(
    'interoperates with podman: each pulls what the other pushed, with the same image ID',
    async () => {
      const podman = tempPodmanStore();
      try {
        const store = newStore();
        const id = (await store.run(['pull', '-q', `${registry()}/library/httpd`])).stdout.trim();
        const fromBerth = uniqueRepo('by-berth');
        expect(
          (await store.run(['push', '-q', `${registry()}/library/httpd`, `${registry()}/${fromBerth}`])).code,
        ).toBe(0);
        const pulled = podman.run(['pull', '-q', '--tls-verify=false', `${registry()}/${fromBerth}`]);
        expect(pulled.code, pulled.stderr).toBe(0);
        expect(pulled.stdout.trim()).toBe(id);
        const fromPodman = uniqueRepo('by-podman');
        const pushed = podman.run([
          'push',
          '-q',
          '--tls-verify=false',
          `${registry()}/${fromBerth}`,
          `${registry()}/${fromPodman}`,
        ]);
        expect(pushed.code, pushed.stderr).toBe(0);
        const fresh = newStore();
        const back = await fresh.run(['pull', '-q', `${registry()}/${fromPodman}`]);
        expect(back.code, back.stderr).toBe(0);
        expect(back.stdout.trim()).toBe(id);
      } finally {
        podman.cleanup();
      }
    },
  );
});
