// `berth volume ...` as a user runs it: every command and flag, podman's output and exit codes,
// and creation of one name from many processes at once.
import { existsSync, lstatSync, readdirSync, readlinkSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { openStore } from '../../engine/src/state/store.js';
import { copyUpVolume } from '../../engine/src/volume/volume-copy-up.js';
import { tempStore } from './helpers/berth-cli.js';

const store = tempStore();
afterAll(() => store.cleanup());

const ok = async (...args: string[]) => {
  const r = await store.run(args);
  expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
  return r.stdout;
};

describe('berth volume', () => {
  it('creates volumes: named, random-named, labelled, with options, --ignore', async () => {
    expect(await ok('volume', 'create', 'data')).toBe('data\n');
    const random = (await ok('volume', 'create')).trim();
    expect(random).toMatch(/^[0-9a-f]{64}$/);
    expect(await ok('volume', 'create', '--label', 'app=shop', '-l', 'tier', 'labelled')).toBe('labelled\n');
    expect(
      await ok(
        'volume',
        'create',
        '-o',
        'type=tmpfs',
        '-o',
        'device=tmpfs',
        '-o',
        'o=size=4m,uid=1000',
        'fast',
      ),
    ).toBe('fast\n');
    expect(await ok('volume', 'create', '--uid', '1234', '--gid', '4321', 'owned')).toBe('owned\n');
    const owned = statSync(path.join(store.root, 'volumes', 'owned', '_data'));
    if (process.getuid?.() === 0)
      expect({ uid: owned.uid, gid: owned.gid }).toEqual({ uid: 1234, gid: 4321 });

    const again = await store.run(['volume', 'create', 'data']);
    expect(again.code).toBe(125);
    expect(again.stderr).toBe(
      'Error: volume with name data already exists: volume already exists (use --ignore to reuse it)\n',
    );
    expect(await ok('volume', 'create', '--ignore', 'data')).toBe('data\n');
    const bad = await store.run(['volume', 'create', 'no/slash']);
    expect(bad.code).toBe(125);
    expect(bad.stderr).toMatch(
      /^Error: invalid volume name "no\/slash": names must match \[a-zA-Z0-9\]\[a-zA-Z0-9_.-\]\*\n$/,
    );
    const driver = await store.run(['volume', 'create', '--driver', 'nfs', 'x']);
    expect(driver.stderr).toMatch(/^Error: volume driver "nfs" is not supported/);
    const opt = await store.run(['volume', 'create', '-o', 'colour=blue', 'x']);
    expect(opt.stderr).toMatch(/^Error: invalid mount option colour for driver 'local'/);
    expect((await ok('volume', 'ls', '-q')).split('\n')).not.toContain('x');
  });

  it('lists volumes: table, -q, --noheading, filters, --format json and templates', async () => {
    const table = (await ok('volume', 'ls')).trimEnd().split('\n');
    expect(table[0]).toMatch(/^DRIVER\s+VOLUME NAME$/);
    expect(table.slice(1).map((l) => l.split(/\s+/)[0])).toEqual(Array(5).fill('local'));
    expect(table.some((l) => /^local\s+data$/.test(l))).toBe(true);
    expect((await ok('volume', 'list', '--noheading')).split('\n')[0]).not.toMatch(/DRIVER/);
    expect((await ok('volume', 'ls', '-q', '--filter', 'name=^da')).trim()).toBe('data');
    expect((await ok('volume', 'ls', '-q', '--filter', 'label=app=shop')).trim()).toBe('labelled');
    expect((await ok('volume', 'ls', '-q', '--filter', 'label=tier')).trim()).toBe('labelled');
    expect((await ok('volume', 'ls', '-q', '--filter', 'opt=type=tmpfs')).trim()).toBe('fast');
    expect((await ok('volume', 'ls', '-q', '--filter', 'driver=local')).trim().split('\n')).toHaveLength(5);
    expect((await ok('volume', 'ls', '-q', '--filter', 'dangling=true')).trim().split('\n')).toHaveLength(5);
    expect((await ok('volume', 'ls', '-q', '--filter', 'dangling=false')).trim()).toBe('');
    expect(await ok('volume', 'ls', '--format', '{{.Name}} {{.Labels}}', '--filter', 'name=labelled')).toBe(
      'labelled app=shop,tier=\n',
    );
    const json = JSON.parse(
      await ok('volume', 'ls', '--format', 'json', '--filter', 'name=^data$'),
    ) as Record<string, unknown>[];
    expect(json).toHaveLength(1);
    expect(json[0]).toMatchObject({
      Name: 'data',
      Driver: 'local',
      Scope: 'local',
      MountCount: 0,
      NeedsCopyUp: true,
    });
    const conflict = await store.run(['volume', 'ls', '-q', '--format', '{{.Name}}']);
    expect(conflict.stderr).toMatch(/^Error: quiet and format flags cannot be used together\n/);
    const badFilter = await store.run(['volume', 'ls', '--filter', 'colour=blue']);
    expect(badFilter.code).toBe(125);
    expect(badFilter.stderr).toBe('Error: "colour" is an invalid volume filter\n');
  });

  it("inspects volumes with podman's fields", async () => {
    const [fast] = JSON.parse(await ok('volume', 'inspect', 'fast')) as Record<string, unknown>[];
    expect(fast).toEqual({
      Name: 'fast',
      Driver: 'local',
      Mountpoint: path.join(store.root, 'volumes', 'fast', '_data'),
      CreatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/),
      Labels: {},
      Scope: 'local',
      Options: { SIZE: '4m', UID: '1000', device: 'tmpfs', o: 'size=4m,uid=1000', type: 'tmpfs' },
      UID: 1000,
      MountCount: 0,
      NeedsCopyUp: true,
    });
    expect(
      await ok(
        'volume',
        'inspect',
        '--format',
        '{{.Name}} {{.Driver}} {{.Scope}} {{.Labels.app}}',
        'labelled',
      ),
    ).toBe('labelled local local shop\n');
    expect((JSON.parse(await ok('volume', 'inspect', '--all')) as unknown[]).length).toBe(5);
    expect(await ok('volume', 'inspect', '-f', '{{.Name}}', 'lab')).toBe('labelled\n'); // unique prefix
    const missing = await store.run(['volume', 'inspect', 'data', 'nope']);
    expect(missing.code).toBe(125);
    expect(JSON.parse(missing.stdout)).toHaveLength(1);
    expect(missing.stderr).toBe('Error: no such volume nope\n');
    const neither = await store.run(['volume', 'inspect']);
    expect(neither.stderr).toBe('Error: provide one or more volume names or use --all\n');
  });

  it('answers volume exists with its exit code', async () => {
    expect((await store.run(['volume', 'exists', 'data'])).code).toBe(0);
    const missing = await store.run(['volume', 'exists', 'nope']);
    expect(missing).toEqual({ code: 1, stdout: '', stderr: '' });
  });

  it('removes volumes with exit codes 1 for missing ones, -f ignoring them, and -a', async () => {
    expect(await ok('volume', 'rm', 'owned')).toBe('owned\n');
    expect(existsSync(path.join(store.root, 'volumes', 'owned'))).toBe(false);
    const missing = await store.run(['volume', 'rm', 'nope']);
    expect(missing).toMatchObject({
      code: 1,
      stderr: 'Error: no volume with name "nope" found: no such volume\n',
    });
    expect(await ok('volume', 'remove', '--force', 'nope', 'fast')).toBe('fast\n');
    const usage = await store.run(['volume', 'rm']);
    expect(usage.stderr).toBe('Error: choose either one or more volumes or all\n');
    const time = await store.run(['volume', 'rm', '-t', '3', 'data']);
    expect(time.stderr).toBe('Error: --force option must be specified to use the --time option\n');
  });

  it('prunes unused volumes: anonymous only by default, --all, --filter, --dry-run, confirmation', async () => {
    expect(await ok('volume', 'prune', '--force')).toBe('');
    const dry = await ok('volume', 'prune', '--all', '--dry-run');
    expect(dry.split('\n')[0]).toBe('Volumes that would be pruned:');
    expect(dry).toContain('labelled');
    const declined = await store.run(['volume', 'prune', '--all'], { input: 'n\n' });
    expect(declined.code).toBe(0);
    expect(declined.stdout).toMatch(
      /^WARNING! This will remove all volumes not used by at least one container/,
    );
    expect(declined.stdout).toMatch(/Are you sure you want to continue\? \[y\/N\] $/);
    expect(await ok('volume', 'prune', '-a', '-f', '--filter', 'label=app=shop')).toBe('labelled\n');
    const remaining = (await ok('volume', 'ls', '-q')).trim().split('\n');
    expect(remaining).toContain('data');
    const accepted = await store.run(['volume', 'prune', '--all'], { input: 'y\n' });
    expect(accepted.code).toBe(0);
    expect(accepted.stdout).toContain('data\n');
    expect(await ok('volume', 'ls', '-q')).toBe('');
    const events = await ok(
      'events',
      '--stream=false',
      '--filter',
      'type=volume',
      '--format',
      '{{.Status}} {{.Name}}',
    );
    expect(events).toContain('create data\n');
    expect(events).toContain('remove data\nprune data\n');
  });

  it('gives one volume when 12 processes create the same name at once', async () => {
    const attempts = await Promise.all(
      Array.from({ length: 12 }, () => store.run(['volume', 'create', 'contended'])),
    );
    const winners = attempts.filter((a) => a.code === 0);
    expect(winners).toHaveLength(1);
    expect(winners[0]!.stdout).toBe('contended\n');
    for (const loser of attempts.filter((a) => a.code !== 0)) {
      expect(loser.code).toBe(125);
      expect(loser.stderr).toBe(
        'Error: volume with name contended already exists: volume already exists (use --ignore to reuse it)\n',
      );
    }
    const ignored = await Promise.all(
      Array.from({ length: 12 }, () => store.run(['volume', 'create', '--ignore', 'racing'])),
    );
    expect(ignored.map((r) => `${r.code} ${r.stdout}`)).toEqual(Array(12).fill('0 racing\n'));
    expect((await ok('volume', 'ls', '-q')).trim().split('\n')).toEqual(['contended', 'racing']);
    const creates = await ok(
      'events',
      '--stream=false',
      '--filter',
      'event=create',
      '--filter',
      'volume=racing',
    );
    expect(creates.trim().split('\n')).toHaveLength(1);
    expect(await ok('volume', 'rm', '--all')).toBe('contended\nracing\n');
    expect(await ok('volume', 'ls', '-q')).toBe('');
  }, 120_000);

  it('prints help for the group and every command', async () => {
    const group = await ok('volume', '--help');
    for (const name of ['create', 'exists', 'inspect', 'ls', 'prune', 'rm'])
      expect(group).toMatch(new RegExp(`\\n\\s+${name}\\s`));
    for (const name of ['create', 'exists', 'inspect', 'ls', 'prune', 'rm'])
      expect(await ok('volume', name, '--help')).toMatch(new RegExp(`berth volume ${name}`));
  });

  it("copies a real image layer's directory into a new volume, entry for entry", async () => {
    const pulled = await store.run(['pull', '-q', `${inject('registryHost')}/library/busybox`]);
    expect(pulled.code, pulled.stderr).toBe(0);
    const layers = path.join(store.root, 'layers');
    const diff = readdirSync(layers)
      .map((layer) => path.join(layers, layer, 'diff'))
      .find((dir) => existsSync(path.join(dir, 'bin')))!;
    expect(diff).toBeDefined();
    expect(await ok('volume', 'create', 'bin-copy')).toBe('bin-copy\n');
    const library = openStore({ root: store.root, runroot: store.runroot });
    try {
      const result = await copyUpVolume(library, 'bin-copy', path.join(diff, 'bin'));
      expect(result.copied).toBe(true);
    } finally {
      library.close();
    }
    const describe = (dir: string) =>
      readdirSync(dir)
        .sort()
        .map((name) => {
          const st = lstatSync(path.join(dir, name));
          const kind = st.isSymbolicLink()
            ? `-> ${readlinkSync(path.join(dir, name))}`
            : st.isFile()
              ? `${st.size}`
              : 'dir';
          return `${name} ${(st.mode & 0o7777).toString(8)} ${st.uid}:${st.gid} ${kind}`;
        });
    const source = describe(path.join(diff, 'bin'));
    expect(source.length).toBeGreaterThan(10);
    expect(describe(path.join(store.root, 'volumes', 'bin-copy', '_data'))).toEqual(source);
    const [inspected] = JSON.parse(await ok('volume', 'inspect', 'bin-copy')) as Record<string, unknown>[];
    expect(inspected!.NeedsCopyUp).toBeUndefined();
    expect(inspected!.NeedsChown).toBeUndefined();
  }, 120_000);
});
