// `save`, `load` and `import`: round trips in every format into empty stores (same image ID),
// stdin and stdout, multi-image archives, archives crossing to and from podman, and hostile or
// corrupted archives refused with the store left as it was and nothing written outside.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import tar from 'tar-stream';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { BERTH_BIN, tempStore, type BerthStore } from './helpers/berth-cli.js';
import { PODMAN_AVAILABLE, tempPodmanStore } from './helpers/podman-store.js';

const registry = () => inject('registryHost');
const HTTPD = () => `${registry()}/library/httpd:latest`;
const stores: BerthStore[] = [];
let work: string;
let source: BerthStore;
let httpdId: string;
let busyboxId: string;

function newStore(): BerthStore {
  const s = tempStore();
  stores.push(s);
  return s;
}

beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'berth-archive-'));
  source = newStore();
  httpdId = (await source.run(['pull', '-q', HTTPD()])).stdout.trim();
  busyboxId = (await source.run(['pull', '-q', `${registry()}/library/busybox`])).stdout.trim();
});
afterAll(() => {
  for (const s of stores) s.cleanup();
  rmSync(work, { recursive: true, force: true });
});

/** The store holds no image, no layer, and no leftover work. */
function expectEmpty(store: BerthStore): void {
  for (const dir of ['layers', 'tmp']) {
    const full = path.join(store.root, dir);
    expect(existsSync(full) ? readdirSync(full) : []).toEqual([]);
  }
}

async function packTar(
  file: string,
  entries: { name: string; content?: Buffer | string; type?: 'symlink'; linkname?: string }[],
) {
  const pack = tar.pack();
  for (const e of entries)
    pack.entry(
      e.type ? { name: e.name, type: e.type, linkname: e.linkname } : { name: e.name },
      e.content ?? '',
    );
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const c of pack as AsyncIterable<Buffer>) chunks.push(c);
  writeFileSync(file, Buffer.concat(chunks));
}

async function readTar(file: string): Promise<Map<string, Buffer>> {
  const extract = tar.extract();
  const out = new Map<string, Buffer>();
  const done = (async () => {
    for await (const entry of extract) {
      const chunks: Buffer[] = [];
      for await (const c of entry as AsyncIterable<Buffer>) chunks.push(c);
      out.set(entry.header.name, Buffer.concat(chunks));
    }
  })();
  extract.end(readFileSync(file));
  await done;
  return out;
}

describe('berth save / load', () => {
  it.each(['docker-archive', 'oci-archive', 'oci-dir', 'docker-dir'])(
    'round-trips %s into an empty store with the same image ID',
    async (format) => {
      const out = path.join(work, `httpd-${format}`);
      const saved = await source.run(['save', '-q', '--format', format, '-o', out, HTTPD()]);
      expect(saved).toMatchObject({ code: 0, stdout: '', stderr: '' });
      const target = newStore();
      const loaded = await target.run(['load', '-i', out]);
      expect(loaded.code, loaded.stderr).toBe(0);
      // docker-dir (containers' dir: transport) carries no name, as with podman.
      expect(loaded.stdout).toBe(
        `Loaded image: ${format === 'docker-dir' ? `sha256:${httpdId}` : HTTPD()}\n`,
      );
      expect(loaded.stderr).toContain(`Copying config sha256:${httpdId}`);
      expect((await target.run(['images', '-q', '--no-trunc'])).stdout).toBe(`sha256:${httpdId}\n`);
      const inspect = JSON.parse((await target.run(['image', 'inspect', httpdId])).stdout)[0];
      const diff = path.join(
        target.root,
        'layers',
        inspect.RootFS.Layers[1].slice(7),
        'diff',
        'www',
        'index.html',
      );
      expect(readFileSync(diff, 'utf8')).toContain('Berth httpd fixture');
    },
  );

  it('saves several images with -m, writes to stdout and loads from stdin', async () => {
    const result = spawnSync(
      process.execPath,
      [
        BERTH_BIN,
        '--root',
        source.root,
        '--runroot',
        source.runroot,
        'save',
        '-m',
        HTTPD(),
        `${registry()}/library/busybox`,
      ],
      { maxBuffer: 64 * 1024 * 1024 },
    );
    expect(result.status, result.stderr.toString()).toBe(0);
    const entries = await readTar(writeAndReturn(path.join(work, 'multi.tar'), result.stdout));
    const manifest = JSON.parse(entries.get('manifest.json')!.toString()) as { RepoTags: string[] }[];
    expect(manifest.map((m) => m.RepoTags)).toEqual([[HTTPD()], [`${registry()}/library/busybox:latest`]]);
    expect(JSON.parse(entries.get('repositories')!.toString())).toHaveProperty(`${registry()}/library/httpd`);
    const target = newStore();
    const loaded = spawnSync(
      process.execPath,
      [BERTH_BIN, '--root', target.root, '--runroot', target.runroot, 'load', '-q'],
      {
        input: result.stdout,
      },
    );
    expect(loaded.status, loaded.stderr.toString()).toBe(0);
    expect(loaded.stdout.toString()).toBe(
      `Loaded image: ${HTTPD()}\nLoaded image: ${registry()}/library/busybox:latest\n`,
    );
    const ids = (await target.run(['images', '-q', '--no-trunc'])).stdout.trim().split('\n').sort();
    expect(ids).toEqual([`sha256:${httpdId}`, `sha256:${busyboxId}`].sort());
  });

  it('refuses a corrupted layer (digest mismatch) and leaves the store as it was', async () => {
    const good = path.join(work, 'good.tar');
    expect((await source.run(['save', '-q', '-o', good, HTTPD()])).code).toBe(0);
    const entries = await readTar(good);
    const layerName = [...entries.keys()].find(
      (n) => n.endsWith('.tar') && entries.get(n)!.length > 100_000,
    )!;
    const tampered = Buffer.from(entries.get(layerName)!);
    tampered[tampered.length >> 1]! ^= 0x01;
    const bad = path.join(work, 'bad.tar');
    await packTar(
      bad,
      [...entries].map(([name, content]) => ({ name, content: name === layerName ? tampered : content })),
    );
    const target = newStore();
    const r = await target.run(['load', '-i', bad]);
    expect(r.code).toBe(125);
    const errors = r.stderr.split('\n').filter((l) => l.startsWith('Error: '));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/digest mismatch: expected sha256:[a-f0-9]{64}/);
    expect((await target.run(['images', '-q'])).stdout).toBe('');
    expectEmpty(target);
  });

  it('refuses hostile archives: nothing written outside, nothing stored', async () => {
    const outside = mkdtempSync(path.join(os.tmpdir(), 'berth-outside-'));
    try {
      const escapes = [
        { name: 'dotdot', entries: [{ name: '../escape.txt', content: 'pwned' }] },
        { name: 'absolute', entries: [{ name: `${outside}/absolute.txt`, content: 'pwned' }] },
        {
          name: 'symlink out',
          entries: [
            { name: 'evil', type: 'symlink' as const, linkname: '../../../../../../..' },
            { name: 'manifest.json', content: JSON.stringify([{ Config: 'evil/etc/passwd', Layers: [] }]) },
          ],
        },
      ];
      for (const hostile of escapes) {
        const file = path.join(work, `hostile-${hostile.name.replace(/\s/g, '-')}.tar`);
        await packTar(file, hostile.entries);
        const target = newStore();
        const r = await target.run(['load', '-i', file]);
        expect(r.code, hostile.name).toBe(125);
        expect(r.stderr, hostile.name).toMatch(/^Error: .*(outside the archive|leaves the archive)/m);
        expectEmpty(target);
      }
      // A layer trying to escape through a symlink it planted: the layer extraction refuses it.
      const layer = path.join(work, 'evil-layer.tar');
      await packTar(layer, [
        { name: 'escape', type: 'symlink', linkname: outside },
        { name: 'escape/through.txt', content: 'pwned' },
      ]);
      const imported = newStore();
      const r = await imported.run(['import', layer]);
      expect(r.code).toBe(125);
      expect(r.stderr).toMatch(/^Error: .*symbolic link.*refusing the layer/m);
      expectEmpty(imported);
      expect(readdirSync(outside)).toEqual([]);
      expect(existsSync(path.join(work, '..', 'escape.txt'))).toBe(false);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it.skipIf(!PODMAN_AVAILABLE)(
    'crosses archives with podman both ways (docker-archive and oci-archive)',
    async () => {
      const podman = tempPodmanStore();
      try {
        for (const format of ['docker-archive', 'oci-archive']) {
          const fromBerth = path.join(work, `to-podman-${format}.tar`);
          expect((await source.run(['save', '-q', '--format', format, '-o', fromBerth, HTTPD()])).code).toBe(
            0,
          );
          const loaded = podman.run(['load', '-i', fromBerth]);
          expect(loaded.code, loaded.stderr).toBe(0);
          expect(loaded.stdout).toContain(`Loaded image: ${HTTPD()}`);
          expect(podman.run(['image', 'inspect', '--format', '{{.Id}}', HTTPD()]).stdout.trim()).toBe(
            httpdId,
          );
          const fromPodman = path.join(work, `from-podman-${format}.tar`);
          const saved = podman.run(['save', '-q', '--format', format, '-o', fromPodman, HTTPD()]);
          expect(saved.code, saved.stderr).toBe(0);
          const target = newStore();
          const back = await target.run(['load', '-i', fromPodman]);
          expect(back.code, back.stderr).toBe(0);
          expect(back.stdout).toBe(`Loaded image: ${HTTPD()}\n`);
          expect((await target.run(['images', '-q', '--no-trunc'])).stdout).toBe(`sha256:${httpdId}\n`);
          podman.run(['rmi', '-a', '-f']);
        }
      } finally {
        podman.cleanup();
      }
    },
  );
});

describe('berth import', () => {
  it('makes a one-layer image from a tarball or stdin, with --change and --message', async () => {
    const tarball = path.join(work, 'rootfs.tar');
    await packTar(tarball, [{ name: 'hello.txt', content: 'hello\n' }]);
    const store = newStore();
    const r = await store.run([
      'import',
      '--change',
      'CMD=["/bin/sh"]',
      '-c',
      'ENV A=1',
      '-m',
      'imported',
      tarball,
      'mine',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^sha256:[a-f0-9]{64}\n$/);
    const [inspect] = JSON.parse((await store.run(['image', 'inspect', 'mine'])).stdout);
    expect(inspect.RepoTags).toEqual(['localhost/mine:latest']);
    expect(inspect.Config).toEqual({ Cmd: ['/bin/sh'], Env: ['A=1'] });
    expect(inspect.Comment).toBe('imported');
    expect(inspect.Id).toBe(r.stdout.trim().slice(7));
    const fromStdin = spawnSync(
      process.execPath,
      [BERTH_BIN, '--root', store.root, '--runroot', store.runroot, 'import', '-q', '-', 'other'],
      {
        input: readFileSync(tarball),
      },
    );
    expect(fromStdin.status, fromStdin.stderr.toString()).toBe(0);
    // The same tarball gives the same layer: one layer directory for both images.
    expect(readdirSync(path.join(store.root, 'layers'))).toHaveLength(1);
    const bad = await store.run(['import', '--change', 'FROM busybox', tarball]);
    expect(bad.code).toBe(125);
    expect(bad.stderr).toMatch(/^Error: invalid change "FROM busybox"/);
  });
});

function writeAndReturn(file: string, data: Buffer): string {
  writeFileSync(file, data);
  return file;
}
