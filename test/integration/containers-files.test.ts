// Container filesystems from the CLI, with real runc + conmon and kernel overlayfs: cp both ways
// (running and stopped containers, `-` tar streams, symlinks that try to leave the rootfs, hostile
// archives), diff (overlay whiteouts and opaque directories), export and commit (the committed
// image runs, is listed, carries its config). Every test ends with no mount left behind.
import { chownSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import tar from 'tar-stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { spawnBerth } from './helpers/berth-cli.js';
import { containerStore, eventually, type ContainerStore } from './helpers/container-store.js';

let store: ContainerStore;
let host: string;
beforeAll(async () => {
  store = await containerStore();
  host = mkdtempSync(path.join(os.tmpdir(), 'berth-files-'));
}, 60_000);
afterAll(async () => {
  await store?.dispose();
}, 60_000);
afterEach(async () => {
  // Nothing mounted but the rootfs of containers still running (exit clean-ups finish on their own).
  const stray = async () => {
    const running = (await store.ok(['ps', '-q', '--no-trunc'])).split('\n').filter(Boolean);
    return store.mounts().filter((m) => !running.some((id) => m.includes(id)));
  };
  await eventually(async () => ((await stray()).length === 0 ? true : undefined)).catch(() => undefined);
  expect(await stray()).toEqual([]);
});

/** Waits until the exit clean-up of a container that ran in the foreground has unmounted it. */
async function settled(name: string): Promise<void> {
  const id = await store.ok(['inspect', '-f', '{{.Id}}', name]);
  await eventually(() => (store.mounts().some((m) => m.includes(id)) ? undefined : true));
}

/** berth with binary stdin and stdout (the shared helper speaks text). */
function runBinary(
  args: readonly string[],
  input?: Buffer,
): Promise<{ code: number; stdout: Buffer; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawnBerth(store, args);
    const out: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout: Buffer.concat(out), stderr }));
    child.stdin.end(input ?? Buffer.alloc(0));
  });
}

interface TarEntry {
  name: string;
  type: string;
  linkname?: string | null;
  uid: number;
  data: string;
}

async function readTar(data: Buffer): Promise<TarEntry[]> {
  const extract = tar.extract();
  const entries: TarEntry[] = [];
  const done = (async () => {
    for await (const entry of extract) {
      const chunks: Buffer[] = [];
      for await (const chunk of entry) chunks.push(chunk as Buffer);
      const h = entry.header;
      entries.push({
        name: h.name,
        type: h.type,
        linkname: h.linkname,
        uid: h.uid,
        data: Buffer.concat(chunks).toString(),
      });
    }
  })();
  extract.end(data);
  await done;
  return entries;
}

async function makeTar(
  entries: Array<Partial<tar.Header> & { name: string; body?: string }>,
): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  const collected = (async () => {
    for await (const chunk of pack) chunks.push(chunk as Buffer);
  })();
  for (const { body, ...header } of entries)
    await new Promise<void>((resolve, reject) =>
      pack.entry({ mode: 0o644, ...header }, body ?? '', (e) => (e ? reject(e) : resolve())),
    );
  pack.finalize();
  await collected;
  return Buffer.concat(chunks);
}

const unique = () => `berth-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;

/** A stopped container whose filesystem has files, a directory and symlinks that point out. */
async function preparedContainer(name: string): Promise<void> {
  await store.ok([
    'run', '--name', name, store.busybox, 'sh', '-c',
    'mkdir -p /d/e && echo deep > /d/e/f && echo top > /d/top && ln -s /etc/passwd /lnk && ' +
      'ln -s /etc /abs && ln -s ../../../../../../../etc /esc && ln -s /d /dlink',
  ]); // prettier-ignore
  await settled(name);
}

describe('cp out of a container', () => {
  it('copies files and directories from a stopped container by podman rules, mounting it only meanwhile', async () => {
    await preparedContainer('cpout');
    const dest = mkdtempSync(path.join(host, 'out-'));
    expect(await store.run(['cp', 'cpout:/d', dest])).toMatchObject({ code: 0, stdout: '', stderr: '' });
    expect(readFileSync(path.join(dest, 'd/e/f'), 'utf8')).toBe('deep\n');
    // To a new name whose parent exists: the file (or directory) takes that name.
    await store.ok(['cp', 'cpout:/d/e/f', path.join(dest, 'renamed')]);
    expect(readFileSync(path.join(dest, 'renamed'), 'utf8')).toBe('deep\n');
    await store.ok(['cp', 'cpout:/d', path.join(dest, 'dcopy')]);
    expect(readFileSync(path.join(dest, 'dcopy/top'), 'utf8')).toBe('top\n');
    // DIR/. copies the contents into an existing directory.
    const contents = mkdtempSync(path.join(host, 'contents-'));
    await store.ok(['cp', 'cpout:/d/.', contents]);
    expect(readFileSync(path.join(contents, 'e/f'), 'utf8')).toBe('deep\n');
    // Symlinks in the path are followed inside the container: /dlink -> /d.
    await store.ok(['cp', 'cpout:/dlink/top', path.join(dest, 'via-link')]);
    expect(readFileSync(path.join(dest, 'via-link'), 'utf8')).toBe('top\n');
    const missing = await store.run(['cp', 'cpout:/nope', dest]);
    expect(missing).toMatchObject({ code: 125 });
    expect(missing.stderr).toBe(
      'Error: "/nope" could not be found on container cpout: no such file or directory\n',
    );
    const noParent = await store.run(['cp', 'cpout:/d/top', path.join(dest, 'no/such/dir/x')]);
    expect(noParent.code).toBe(125);
    expect(noParent.stderr).toMatch(/^Error: ".*no\/such\/dir\/x" could not be found on the host/);
    expect(store.mounts()).toEqual([]);
  });

  it('resolves symlinks inside the container root: /etc, an absolute link and ../.. escapes read the container, not the host', async () => {
    await preparedContainer('cpesc');
    const containerPasswd = await store.ok(['run', '--rm', store.busybox, 'cat', '/etc/passwd']);
    const hostPasswd = readFileSync('/etc/passwd', 'utf8').trim();
    expect(containerPasswd).not.toBe(hostPasswd);
    const dest = mkdtempSync(path.join(host, 'esc-'));
    for (const source of ['/lnk', '/abs/passwd', '/esc/passwd', '/../../../../etc/passwd']) {
      const target = path.join(dest, `copy-${source.replace(/\W/g, '_')}`);
      await store.ok(['cp', `cpesc:${source}`, target]);
      expect(readFileSync(target, 'utf8').trim()).toBe(containerPasswd);
    }
    // A link as the last component is followed too: the copy is named after its target.
    const named = mkdtempSync(path.join(host, 'named-'));
    await store.ok(['cp', 'cpesc:/lnk', named]);
    expect(readFileSync(path.join(named, 'passwd'), 'utf8').trim()).toBe(containerPasswd);
  });

  it('streams a tar archive to stdout with -, and copies out of a running container', async () => {
    await store.ok([
      'run',
      '-d',
      '--name',
      'cprun',
      store.busybox,
      'sh',
      '-c',
      'mkdir -p /srv/x && echo live > /srv/x/f && ln -s f /srv/x/l && sleep 1000',
    ]);
    await eventually(async () =>
      (await store.run(['exec', 'cprun', 'test', '-L', '/srv/x/l'])).code === 0 ? true : undefined,
    );
    const r = await runBinary(['cp', 'cprun:/srv/x', '-']);
    expect(r.code).toBe(0);
    const entries = await readTar(r.stdout);
    expect(entries.map((e) => `${e.type} ${e.name}${e.linkname ? ` -> ${e.linkname}` : ''}`)).toEqual([
      'directory x/',
      'file x/f',
      'symlink x/l -> f',
    ]);
    expect(entries[1]!.data).toBe('live\n');
    const dest = mkdtempSync(path.join(host, 'run-'));
    await store.ok(['cp', 'cprun:/srv/x/f', dest]);
    expect(readFileSync(path.join(dest, 'f'), 'utf8')).toBe('live\n');
    // The running container's mount is its own: still there, and the container still works.
    expect(await store.ok(['exec', 'cprun', 'cat', '/srv/x/f'])).toBe('live');
    await store.ok(['rm', '-f', '-t', '0', 'cprun']);
  });
});

describe('cp into a container', () => {
  it('copies into running and stopped containers, owned by the container user unless --archive=false', async () => {
    const file = path.join(mkdtempSync(path.join(host, 'in-')), 'payload');
    writeFileSync(file, 'payload\n');
    chownSync(file, 1234, 1234);
    await store.ok(['run', '-d', '--name', 'cpin', '-u', 'nobody', store.busybox, 'sleep', '1000']);
    await store.ok(['cp', file, 'cpin:/tmp/']);
    expect(await store.ok(['exec', 'cpin', 'stat', '-c', '%u:%g %n', '/tmp/payload'])).toBe(
      '65534:65534 /tmp/payload',
    );
    await store.ok(['cp', '--archive=false', file, 'cpin:/tmp/plain']);
    expect(await store.ok(['exec', 'cpin', 'stat', '-c', '%u %s', '/tmp/plain'])).toBe(
      `${process.getuid!()} 8`,
    );
    await store.ok(['stop', '-t', '0', 'cpin']);
    // Stopped: mounted for the copy, unmounted after; the file is there at the next start.
    await store.ok(['cp', file, 'cpin:/tmp/later']);
    expect(store.mounts()).toEqual([]);
    await store.ok(['start', 'cpin']);
    expect(await store.ok(['exec', 'cpin', 'cat', '/tmp/later'])).toBe('payload');
    await store.ok(['rm', '-f', '-t', '0', 'cpin']);
  });

  it('writes through container symlinks only inside the rootfs: /esc -> ../../etc lands in the container /etc', async () => {
    await preparedContainer('cpinesc');
    const name = unique();
    const file = path.join(mkdtempSync(path.join(host, 'esc-in-')), 'x');
    writeFileSync(file, 'contained\n');
    await store.ok(['cp', file, `cpinesc:/esc/${name}`]);
    await store.ok(['cp', file, `cpinesc:/abs/${name}-abs`]);
    expect(existsSync(`/etc/${name}`)).toBe(false);
    expect(existsSync(`/etc/${name}-abs`)).toBe(false);
    const out = await runBinary(['cp', `cpinesc:/etc/${name}`, '-']);
    expect((await readTar(out.stdout)).map((e) => [e.name, e.data])).toEqual([[name, 'contained\n']]);
    expect(await store.ok(['diff', 'cpinesc'])).toContain(`A /etc/${name}-abs`);
  });

  it('refuses to replace a directory with a file unless --overwrite; a missing parent is an error', async () => {
    await preparedContainer('cpover');
    const dir = mkdtempSync(path.join(host, 'over-'));
    writeFileSync(path.join(dir, 'e'), 'now a file\n');
    const refused = await store.run(['cp', path.join(dir, 'e'), 'cpover:/d/']);
    expect(refused.code).toBe(125);
    expect(refused.stderr).toBe(
      'Error: cannot overwrite directory "/d/e" with non-directory: use --overwrite to replace it\n',
    );
    await store.ok(['cp', '--overwrite', path.join(dir, 'e'), 'cpover:/d/']);
    const out = await runBinary(['cp', 'cpover:/d/e', '-']);
    expect((await readTar(out.stdout)).map((e) => [e.type, e.name, e.data])).toEqual([
      ['file', 'e', 'now a file\n'],
    ]);
    const noParent = await store.run(['cp', path.join(dir, 'e'), 'cpover:/no/such/x']);
    expect(noParent).toMatchObject({ code: 125 });
    expect(noParent.stderr).toBe(
      'Error: "/no/such/x" could not be found on container cpover: no such file or directory\n',
    );
    const both = await store.run(['cp', 'cpover:/d', 'cpover:/x']);
    expect(both.code).toBe(125);
    expect(both.stderr).toMatch(/^Error: copying between containers is not supported/);
  });

  it('extracts a tar stream from stdin with -, and refuses hostile archives without writing outside the rootfs', async () => {
    await store.ok(['run', '-d', '--name', 'cptar', store.busybox, 'sleep', '1000']);
    const good = await makeTar([
      { name: 'pkg/', type: 'directory', mode: 0o755 },
      { name: 'pkg/a.txt', body: 'alpha\n' },
      { name: 'pkg/link', type: 'symlink', linkname: 'a.txt' },
      { name: 'pkg/hard', type: 'link', linkname: 'pkg/a.txt' },
    ]);
    expect((await runBinary(['cp', '-', 'cptar:/tmp'], good)).code).toBe(0);
    expect(
      await store.ok([
        'exec',
        'cptar',
        'sh',
        '-c',
        'cat /tmp/pkg/link /tmp/pkg/hard; stat -c %h /tmp/pkg/a.txt',
      ]),
    ).toBe('alpha\nalpha\n2');

    const name = unique();
    const dotdot = await makeTar([{ name: `../../../../../../../../tmp/${name}`, body: 'escaped' }]);
    const refused = await runBinary(['cp', '-', 'cptar:/tmp'], dotdot);
    expect(refused.code).toBe(125);
    expect(refused.stderr).toMatch(
      /^Error: the archive entry ".*" contains "\.\.": it would write outside the destination; refusing the archive\n$/,
    );
    expect(existsSync(`/tmp/${name}`)).toBe(false);

    // A link the archive plants, then a write through it: resolved inside the container.
    const planted = await makeTar([
      { name: 'evil', type: 'symlink', linkname: '/tmp' },
      { name: `evil/${name}`, body: 'inside\n' },
      { name: 'up', type: 'symlink', linkname: '../../../../../../../../tmp' },
      { name: `up/${name}-up`, body: 'inside too\n' },
      { name: `/tmp/${name}-abs`, body: 'absolute\n' },
    ]);
    expect((await runBinary(['cp', '-', 'cptar:/var'], planted)).code).toBe(0);
    expect(existsSync(`/tmp/${name}`)).toBe(false);
    expect(existsSync(`/tmp/${name}-up`)).toBe(false);
    expect(existsSync(`/tmp/${name}-abs`)).toBe(false);
    expect(
      await store.ok(['exec', 'cptar', 'cat', `/tmp/${name}`, `/tmp/${name}-up`, `/var/tmp/${name}-abs`]),
    ).toBe('inside\ninside too\nabsolute');

    const hardOut = await makeTar([{ name: 'h', type: 'link', linkname: '../../../../etc/passwd' }]);
    const hard = await runBinary(['cp', '-', 'cptar:/tmp'], hardOut);
    expect(hard.code).toBe(125);
    const hardAbs = await makeTar([{ name: 'h2', type: 'link', linkname: '/etc/shadow-not-here' }]);
    const hard2 = await runBinary(['cp', '-', 'cptar:/tmp'], hardAbs);
    expect(hard2.code).toBe(125);
    expect(hard2.stderr).toMatch(
      /hard link "h2" points at "\/etc\/shadow-not-here", which is not a file it brought/,
    );
    const notDir = await runBinary(['cp', '-', 'cptar:/tmp/pkg/a.txt'], good);
    expect(notDir.code).toBe(125);
    expect(notDir.stderr).toMatch(/is not a directory/);
    await store.ok(['rm', '-f', '-t', '0', 'cptar']);
  });
});

describe('diff, export and commit', () => {
  it('diff lists added, changed and deleted paths (whiteouts included) as podman does, and as json', async () => {
    await store.ok([
      'run', '--name', 'changes', store.busybox, 'sh', '-c',
      'echo x > /new && mkdir -p /nd/sub && touch /nd/sub/f && echo more >> /etc/group && rm /etc/passwd',
    ]); // prettier-ignore
    expect(await store.ok(['diff', 'changes'])).toBe(
      ['C /etc', 'C /etc/group', 'D /etc/passwd', 'A /nd', 'A /nd/sub', 'A /nd/sub/f', 'A /new'].join('\n'),
    );
    expect(JSON.parse(await store.ok(['diff', '--format', 'json', 'changes']))).toEqual({
      changed: ['/etc', '/etc/group'],
      added: ['/nd', '/nd/sub', '/nd/sub/f', '/new'],
      deleted: ['/etc/passwd'],
    });
    expect(await store.ok(['container', 'diff', '-l'])).toContain('A /new');
    const bad = await store.run(['diff', '--format', '{{.}}', 'changes']);
    expect(bad).toMatchObject({
      code: 125,
      stderr: "Error: only supported value for '--format' is 'json'\n",
    });
    const missing = await store.run(['diff', 'nosuch']);
    expect(missing.code).toBe(125);
  });

  it('export writes the whole filesystem of a stopped or running container, to stdout or -o', async () => {
    await store.ok([
      'run',
      '--name',
      'exp',
      store.busybox,
      'sh',
      '-c',
      'echo e > /exported && rm /etc/group',
    ]);
    const r = await runBinary(['export', 'exp']);
    expect(r.code).toBe(0);
    const entries = await readTar(r.stdout);
    const names = entries.map((e) => e.name);
    expect(names).toContain('bin/busybox');
    expect(names).toContain('etc/passwd');
    expect(names).not.toContain('etc/group');
    expect(entries.find((e) => e.name === 'exported')?.data).toBe('e\n');
    expect(names.some((n) => n.startsWith('/') || n.startsWith('./'))).toBe(false);
    expect(store.mounts()).toEqual([]);
    const file = path.join(mkdtempSync(path.join(host, 'export-')), 'exp.tar');
    await store.ok([
      'run',
      '-d',
      '--name',
      'exprun',
      store.busybox,
      'sh',
      '-c',
      'echo live > /live && sleep 1000',
    ]);
    await new Promise((r) => setTimeout(r, 300));
    expect(await store.run(['export', '-o', file, 'exprun'])).toMatchObject({ code: 0, stdout: '' });
    const fromFile = await readTar(readFileSync(file));
    expect(fromFile.find((e) => e.name === 'live')?.data).toBe('live\n');
    await store.ok(['rm', '-f', '-t', '0', 'exprun']);
  });

  it('commit makes an image that runs: new layer with whiteouts, --change config, author, listed by images', async () => {
    await store.ok([
      'run', '--name', 'tobase', '-e', 'FROM_CTR=1', '--label', 'ctr=yes', store.busybox, 'sh', '-c',
      'mkdir -p /data && echo a > /data/a && echo b > /data/b && rm /etc/group',
    ]); // prettier-ignore
    const r = await store.run([
      'commit', '-a', 'Tester <t@example.com>',
      '-c', 'CMD ["cat", "/data/a"]', '-c', 'ENV GREETING=hello', '-c', 'LABEL stage=base',
      '-c', 'EXPOSE 8080', '-c', 'WORKDIR /data', '-c', 'USER nobody',
      'tobase', 'committed-base',
    ]); // prettier-ignore
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^[0-9a-f]{64}\n$/);
    expect(r.stderr).toMatch(/^Getting image source signatures\nCopying blob sha256:[0-9a-f]{64}\n/);
    expect(r.stderr).toMatch(/Writing manifest to image destination\nStoring signatures\n$/);
    const id = r.stdout.trim();
    expect(await store.ok(['images', '--format', '{{.Repository}}:{{.Tag}} {{.ID}}'])).toContain(
      `localhost/committed-base:latest ${id.slice(0, 12)}`,
    );
    expect(await store.ok(['run', '--rm', 'committed-base'])).toBe('a');
    expect(
      await store.ok([
        'run',
        '--rm',
        'committed-base',
        'sh',
        '-c',
        'echo $GREETING $FROM_CTR; pwd; id -un; ls /etc/group 2>&1; true',
      ]),
    ).toBe('hello 1\n/data\nnobody\nls: /etc/group: No such file or directory');
    const inspected = JSON.parse(await store.ok(['image', 'inspect', 'committed-base']))[0];
    expect(inspected.Author).toBe('Tester <t@example.com>');
    expect(inspected.Config.Labels).toMatchObject({ stage: 'base', ctr: 'yes' });
    expect(inspected.Config.ExposedPorts).toEqual({ '8080/tcp': {} });
    expect(inspected.RootFS.Layers).toHaveLength(2);

    // An opaque directory (removed and made again) and a whiteout travel through a second commit.
    await store.ok([
      'run', '--name', 'opaque', '-u', 'root', '-w', '/', 'committed-base', 'sh', '-c',
      'rm -rf /data && mkdir /data && echo c > /data/c && rm /bin/cat',
    ]); // prettier-ignore
    expect((await store.ok(['diff', 'opaque'])).split('\n')).toEqual([
      'C /bin', 'D /bin/cat', 'C /data', 'D /data/a', 'D /data/b', 'A /data/c', 'C /etc',
    ]); // prettier-ignore
    const second = await store.ok([
      'commit',
      '-q',
      '-c',
      'CMD ["ls", "/data"]',
      'opaque',
      'committed-opaque',
    ]);
    expect(second).toMatch(/^[0-9a-f]{64}$/);
    expect(await store.ok(['run', '--rm', 'committed-opaque'])).toBe('c');
    expect(
      await store.ok(['run', '--rm', 'committed-opaque', 'sh', '-c', 'test -e /bin/cat || echo gone']),
    ).toBe('gone');
    expect(store.mounts()).toEqual([]);
  });

  it('commit pauses a running container by default and records commit events; -m needs -f docker', async () => {
    await store.ok([
      'run',
      '-d',
      '--name',
      'livecommit',
      store.busybox,
      'sh',
      '-c',
      'echo state > /state && sleep 1000',
    ]);
    await new Promise((r) => setTimeout(r, 300));
    const id = await store.ok([
      'commit',
      '-q',
      '-f',
      'docker',
      '-m',
      'a message',
      'livecommit',
      'live-image',
    ]);
    expect(await store.ok(['inspect', '-f', '{{.State.Status}}', 'livecommit'])).toBe('running');
    const events = await store.ok([
      'events', '--stream=false', '--filter', 'container=livecommit', '--format', '{{.Status}}',
    ]); // prettier-ignore
    expect(events.split('\n')).toEqual(expect.arrayContaining(['pause', 'unpause', 'commit']));
    expect(events.indexOf('pause')).toBeLessThan(events.indexOf('commit'));
    const inspected = JSON.parse(await store.ok(['image', 'inspect', id]))[0];
    expect(inspected.Comment).toBe('a message');
    expect(await store.ok(['run', '--rm', 'live-image', 'cat', '/state'])).toBe('state');
    const refused = await store.run(['commit', '-m', 'msg', 'livecommit', 'other']);
    expect(refused).toMatchObject({
      code: 125,
      stderr: 'Error: messages are only compatible with the docker image format (-f docker)\n',
    });
    const missing = await store.run(['commit', 'nosuch', 'x']);
    expect(missing).toMatchObject({
      code: 125,
      stderr: 'Error: no container with name or ID "nosuch" found: no such container\n',
    });
    await store.ok(['rm', '-f', '-t', '0', 'livecommit']);
  });
});
