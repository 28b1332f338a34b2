// The fixture registry serves every fixture image, with digests that verify.
import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { describe, expect, inject, it } from 'vitest';
import tar from 'tar-stream';

const registry = () => `http://${inject('registryHost')}`;
const ACCEPT = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
].join(', ');

async function getJson(path: string): Promise<{ body: Record<string, unknown>; type: string }> {
  const res = await fetch(`${registry()}${path}`, { headers: { accept: ACCEPT } });
  expect(res.status).toBe(200);
  return { body: (await res.json()) as Record<string, unknown>, type: res.headers.get('content-type') ?? '' };
}

async function blob(repository: string, digest: string): Promise<Buffer> {
  const res = await fetch(`${registry()}/v2/${repository}/blobs/${digest}`);
  expect(res.status).toBe(200);
  const data = Buffer.from(await res.arrayBuffer());
  expect(`sha256:${createHash('sha256').update(data).digest('hex')}`).toBe(digest);
  return data;
}

async function listTar(data: Buffer): Promise<Map<string, string>> {
  const entries = new Map<string, string>();
  const extract = tar.extract();
  const done = new Promise<void>((resolve, reject) => {
    extract.on('entry', (header, stream, next) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: unknown) => chunks.push(c as Buffer));
      stream.on('end', () => {
        entries.set(header.name, header.type === 'file' ? Buffer.concat(chunks).toString() : header.type);
        next();
      });
    });
    extract.on('finish', resolve);
    extract.on('error', reject);
  });
  extract.end(gunzipSync(data));
  await done;
  return entries;
}

describe('fixture registry', () => {
  it('serves busybox as a Docker schema 2 image whose layer holds busybox and its applets', async () => {
    const { body, type } = await getJson('/v2/library/busybox/manifests/latest');
    expect(type).toBe('application/vnd.docker.distribution.manifest.v2+json');
    const layers = body.layers as { digest: string }[];
    expect(layers).toHaveLength(1);
    const files = await listTar(await blob('library/busybox', layers[0]!.digest));
    expect(files.get('bin/busybox')).toBeDefined();
    expect(files.get('bin/sh')).toBe('symlink');
    expect(files.get('etc/passwd')).toContain('root:x:0:0');
    const config = JSON.parse(
      (await blob('library/busybox', (body.config as { digest: string }).digest)).toString(),
    );
    expect(config.config.Cmd).toEqual(['sh']);
  });

  it('serves httpd with EXPOSE 80 and its page', async () => {
    const { body } = await getJson('/v2/library/httpd/manifests/latest');
    const config = JSON.parse(
      (await blob('library/httpd', (body.config as { digest: string }).digest)).toString(),
    );
    expect(config.config.ExposedPorts).toEqual({ '80/tcp': {} });
    expect(config.config.Cmd).toEqual(['httpd', '-f', '-p', '80', '-h', '/www']);
    const layers = body.layers as { digest: string }[];
    const files = await listTar(await blob('library/httpd', layers[1]!.digest));
    expect(files.get('www/index.html')).toContain('Berth httpd fixture');
  });

  it('serves the whiteout image with a whiteout and an opaque marker in its top layer', async () => {
    const { body } = await getJson('/v2/berth/whiteout/manifests/latest');
    const layers = body.layers as { digest: string }[];
    expect(layers).toHaveLength(3);
    const files = await listTar(await blob('berth/whiteout', layers[2]!.digest));
    expect(files.has('data/.wh.remove.txt')).toBe(true);
    expect(files.has('opq/.wh..wh..opq')).toBe(true);
    expect(files.get('data/keep.txt')).toBe('replaced\n');
  });

  it('serves a multi-platform index with amd64 and arm64 manifests', async () => {
    const { body, type } = await getJson('/v2/berth/multiarch/manifests/latest');
    expect(type).toBe('application/vnd.oci.image.index.v1+json');
    const platforms = (body.manifests as { platform: { architecture: string } }[]).map(
      (m) => m.platform.architecture,
    );
    expect(platforms.sort()).toEqual(['amd64', 'arm64']);
  });

  it('serves a big image of about 50 MB', async () => {
    const { body } = await getJson('/v2/berth/big/manifests/latest');
    const total = (body.layers as { size: number }[]).reduce((n, l) => n + l.size, 0);
    expect(total).toBeGreaterThan(50 * 1000 * 1000);
    expect(total).toBeLessThan(60 * 1000 * 1000);
  });
});
