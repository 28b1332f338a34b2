// `berth pull` against the fixture registry: podman's output, the layer store on disk
// (whiteouts, opaque dirs), platform selection, concurrent pulls, corruption, errors, interop.
import { spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { getXattr } from '../../engine/src/image/special-files.js';
import { BERTH_BIN, tempStore, type BerthStore } from './helpers/berth-cli.js';

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

async function manifestOf(
  repository: string,
): Promise<{ config: { digest: string }; layers: { digest: string; size: number }[] }> {
  const res = await fetch(`http://${registry()}/v2/${repository}/manifests/latest`, {
    headers: {
      accept:
        'application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json',
    },
  });
  return (await res.json()) as { config: { digest: string }; layers: { digest: string; size: number }[] };
}

function layerDirs(store: BerthStore): string[] {
  const dir = path.join(store.root, 'layers');
  return existsSync(dir) ? readdirSync(dir) : [];
}

function tmpEntries(store: BerthStore): string[] {
  const dir = path.join(store.root, 'tmp');
  return existsSync(dir) ? readdirSync(dir) : [];
}

describe('berth pull', () => {
  it('pulls busybox with podman-style progress on stderr and the image ID on stdout', async () => {
    const store = newStore();
    const manifest = await manifestOf('library/busybox');
    const r = await store.run(['pull', `${registry()}/library/busybox`]);
    expect(r.code, r.stderr).toBe(0);
    const id = manifest.config.digest.slice('sha256:'.length);
    expect(r.stdout).toBe(`${id}\n`);
    expect(r.stderr.split('\n')).toEqual([
      `Trying to pull ${registry()}/library/busybox:latest...`,
      'Getting image source signatures',
      `Copying blob ${manifest.layers[0]!.digest}`,
      `Copying config ${manifest.config.digest}`,
      'Writing manifest to image destination',
      'Storing signatures',
      '',
    ]);
    const images = await store.run(['images', '--format', '{{.Repository}}:{{.Tag}} {{.ID}}']);
    expect(images.stdout).toBe(`${registry()}/library/busybox:latest ${id.slice(0, 12)}\n`);
    // The layer is unpacked once, by diff ID, with busybox and its applet links in it.
    const [layer] = layerDirs(store);
    const diff = path.join(store.root, 'layers', layer!, 'diff');
    expect(lstatSync(path.join(diff, 'bin', 'busybox')).isFile()).toBe(true);
    expect(lstatSync(path.join(diff, 'bin', 'sh')).isSymbolicLink()).toBe(true);
    expect(lstatSync(path.join(diff, 'tmp')).mode & 0o7777).toBe(0o1777);
    expect(readFileSync(path.join(diff, 'etc', 'passwd'), 'utf8')).toContain('root:x:0:0');
    // A second pull finds everything present.
    const again = await store.run(['pull', '-q', `${registry()}/library/busybox`]);
    expect(again).toMatchObject({ code: 0, stdout: `${id}\n`, stderr: '' });
    expect(tmpEntries(store)).toEqual([]);
  });

  it('unpacks whiteouts as overlay whiteouts and opaque directories with the xattr', async () => {
    const store = newStore();
    const r = await store.run(['pull', '-q', `${registry()}/berth/whiteout`]);
    expect(r.code, r.stderr).toBe(0);
    const manifest = await manifestOf('berth/whiteout');
    const configRes = await fetch(`http://${registry()}/v2/berth/whiteout/blobs/${manifest.config.digest}`);
    const diffIds = ((await configRes.json()) as { rootfs: { diff_ids: string[] } }).rootfs.diff_ids;
    const layer = (i: number) => path.join(store.root, 'layers', diffIds[i]!.slice('sha256:'.length), 'diff');
    expect(readFileSync(path.join(layer(1), 'data', 'keep.txt'), 'utf8')).toBe('original\n');
    expect(readFileSync(path.join(layer(2), 'data', 'keep.txt'), 'utf8')).toBe('replaced\n');
    const whiteout = lstatSync(path.join(layer(2), 'data', 'remove.txt'));
    expect(whiteout.isCharacterDevice()).toBe(true);
    expect(whiteout.rdev).toBe(0);
    expect(existsSync(path.join(layer(2), 'data', '.wh.remove.txt'))).toBe(false);
    if (process.getuid!() === 0)
      expect(getXattr(path.join(layer(2), 'opq'), 'trusted.overlay.opaque')?.toString()).toBe('y');
    expect(readdirSync(path.join(layer(2), 'opq'))).toEqual(['c.txt']);
  });

  it('picks the platform from an index: host by default, --arch arm64, --platform', async () => {
    const store = newStore();
    const index = (await (
      await fetch(`http://${registry()}/v2/berth/multiarch/manifests/latest`, {
        headers: { accept: 'application/vnd.oci.image.index.v1+json' },
      })
    ).json()) as { manifests: { digest: string; platform: { architecture: string } }[] };
    const configOf = async (arch: string) => {
      const entry = index.manifests.find((m) => m.platform.architecture === arch)!;
      const res = await fetch(`http://${registry()}/v2/berth/multiarch/manifests/${entry.digest}`, {
        headers: { accept: 'application/vnd.oci.image.manifest.v1+json' },
      });
      return ((await res.json()) as { config: { digest: string } }).config.digest.slice('sha256:'.length);
    };
    const arm = await store.run(['pull', '-q', '--arch', 'arm64', `${registry()}/berth/multiarch`]);
    expect(arm.code, arm.stderr).toBe(0);
    expect(arm.stdout.trim()).toBe(await configOf('arm64'));
    const inspect = JSON.parse(
      (await store.run(['image', 'inspect', `${registry()}/berth/multiarch`])).stdout,
    );
    expect(inspect[0].Architecture).toBe('arm64');
    expect(inspect[0].RepoDigests).toHaveLength(2);
    const host = await store.run(['pull', '-q', `${registry()}/berth/multiarch`]);
    expect(host.stdout.trim()).toBe(await configOf('amd64'));
    const viaPlatform = await store.run([
      'pull',
      '-q',
      '--platform',
      'linux/arm64',
      `${registry()}/berth/multiarch`,
    ]);
    expect(viaPlatform.stdout.trim()).toBe(await configOf('arm64'));
    const missing = await store.run(['pull', '--platform', 'linux/s390x', `${registry()}/berth/multiarch`]);
    expect(missing.code).toBe(125);
    expect(missing.stderr).toMatch(
      /Error: choosing an image from manifest list .*linux\/s390x.*linux\/amd64, linux\/arm64/,
    );
  });

  it('lets two processes pull the same image at once: both succeed, one copy of each layer', async () => {
    const store = newStore();
    const [a, b] = await Promise.all([
      store.run(['pull', '-q', `${registry()}/berth/big`], { timeoutMs: 120_000 }),
      store.run(['pull', '-q', `${registry()}/berth/big`], { timeoutMs: 120_000 }),
    ]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect(layerDirs(store)).toHaveLength(6);
    expect((await store.run(['images', '-q'])).stdout.trim().split('\n')).toHaveLength(1);
    expect(tmpEntries(store)).toEqual([]);
  });

  it('leaves nothing partial when a pull is killed, and a re-run completes it', async () => {
    const store = newStore();
    const child = spawn(
      process.execPath,
      [BERTH_BIN, '--root', store.root, '--runroot', store.runroot, 'pull', `${registry()}/berth/big`],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    // Kill it once a layer download has started.
    await new Promise<void>((resolve) => {
      child.stderr.on('data', (c: Buffer) => {
        if (c.toString().includes('Getting image source signatures')) setTimeout(resolve, 150);
      });
      child.on('exit', () => resolve());
    });
    child.kill('SIGKILL');
    await new Promise((r) => child.once('close', r));
    expect((await store.run(['images', '-q'])).stdout).toBe('');
    // Every visible layer is complete (has its metadata); partial work is only under tmp/.
    for (const dir of layerDirs(store))
      expect(existsSync(path.join(store.root, 'layers', dir, 'layer.json'))).toBe(true);
    const rerun = await store.run(['pull', '-q', `${registry()}/berth/big`], { timeoutMs: 120_000 });
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(layerDirs(store)).toHaveLength(6);
    expect(tmpEntries(store)).toEqual([]);
  });

  it('fails with exit 125 on a corrupted layer and leaves the store as it was', async () => {
    const store = newStore();
    // A proxy that flips one byte in the middle of every large blob (layers, not configs).
    const proxy = http.createServer(async (req, res) => {
      const upstream = await fetch(`http://${registry()}${req.url}`, {
        method: req.method,
        headers: { accept: String(req.headers.accept ?? '*/*') },
      });
      const body = Buffer.from(await upstream.arrayBuffer());
      if (/\/blobs\/sha256:/.test(req.url ?? '') && body.length > 10_000) body[body.length >> 1]! ^= 0x01;
      const headers: Record<string, string> = {};
      upstream.headers.forEach((v, k) => {
        if (k !== 'content-length' && k !== 'transfer-encoding' && k !== 'content-encoding') headers[k] = v;
      });
      res.writeHead(upstream.status, headers);
      res.end(body);
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    const proxyHost = `127.0.0.1:${(proxy.address() as { port: number }).port}`;
    try {
      const r = await store.run(['pull', `${proxyHost}/library/busybox`]);
      expect(r.code).toBe(125);
      const errorLines = r.stderr.split('\n').filter((l) => l.startsWith('Error: '));
      expect(errorLines).toHaveLength(1);
      expect(errorLines[0]).toMatch(
        /layer sha256:[a-f0-9]{64} of 127\.0\.0\.1:\d+\/library\/busybox: .*(digest|does not match).*retry/,
      );
      expect((await store.run(['images', '-q'])).stdout).toBe('');
      expect(layerDirs(store)).toEqual([]);
      expect(tmpEntries(store)).toEqual([]);
    } finally {
      proxy.close();
    }
  });

  it('reports an unknown image and an unreachable registry in one line, exit 125', async () => {
    const store = newStore();
    const unknown = await store.run(['pull', `${registry()}/library/does-not-exist:1.0`]);
    expect(unknown.code).toBe(125);
    expect(unknown.stderr).toMatch(
      /^Error: reading manifest 1\.0 in 127\.0\.0\.1:\d+\/library\/does-not-exist: not found .*check the name and tag$/m,
    );
    const unreachable = await store.run(['pull', '127.0.0.1:1/library/busybox']);
    expect(unreachable.code).toBe(125);
    expect(unreachable.stderr).toMatch(
      /^Error: pinging container registry 127\.0\.0\.1:1: .*ECONNREFUSED.*check that the registry is running/m,
    );
    const invalid = await store.run(['pull', 'Not/Valid']);
    expect(invalid.code).toBe(125);
    expect(invalid.stderr).toMatch(/^Error: invalid reference format "Not\/Valid"/);
    const tls = await store.run(['pull', '--tls-verify=true', `${registry()}/library/busybox`]);
    expect(tls.code).toBe(125);
    expect(tls.stderr).toMatch(/--tls-verify=false/);
    expect((await store.run(['images', '-q'])).stdout).toBe('');
  });

  it('resolves short names through unqualified-search-registries of registries.conf', async () => {
    const store = newStore();
    const dir = mkdtempSync(path.join(os.tmpdir(), 'berth-regconf-'));
    try {
      const conf = path.join(dir, 'registries.conf');
      writeFileSync(conf, `unqualified-search-registries = ["127.0.0.1:1", "${registry()}"]\n`);
      const r = await store.run(['pull', 'library/busybox'], { env: { CONTAINERS_REGISTRIES_CONF: conf } });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toContain('Trying to pull 127.0.0.1:1/library/busybox:latest...');
      expect(r.stderr).toContain(`Trying to pull ${registry()}/library/busybox:latest...`);
      const local = await store.run(['images', '--format', '{{.Repository}}', 'busybox'], {
        env: { CONTAINERS_REGISTRIES_CONF: conf },
      });
      expect(local.stdout).toBe(`${registry()}/library/busybox\n`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.skipIf(spawnSync('podman', ['--version']).status !== 0)(
    'gives the same image ID as podman for the same image',
    async () => {
      const store = newStore();
      const podmanDir = mkdtempSync(path.join(os.tmpdir(), 'berth-podman-'));
      try {
        const podman = spawnSync(
          'podman',
          [
            '--root',
            path.join(podmanDir, 'root'),
            '--runroot',
            path.join(podmanDir, 'run'),
            '--storage-driver',
            'vfs',
            'pull',
            '-q',
            '--tls-verify=false',
            `${registry()}/library/httpd`,
          ],
          { encoding: 'utf8', timeout: 60_000 },
        );
        expect(podman.status, podman.stderr).toBe(0);
        const berth = await store.run(['pull', '-q', `${registry()}/library/httpd`]);
        expect(berth.stdout.trim()).toBe(podman.stdout.trim());
        spawnSync(
          'podman',
          [
            '--root',
            path.join(podmanDir, 'root'),
            '--runroot',
            path.join(podmanDir, 'run'),
            '--storage-driver',
            'vfs',
            'rmi',
            '-a',
            '-f',
          ],
          { timeout: 30_000 },
        );
      } finally {
        rmSync(podmanDir, { recursive: true, force: true });
      }
    },
  );
});
