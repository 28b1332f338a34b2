// Daemonless means many processes on one store at once: parallel CLIs must neither lose nor
// corrupt anything, and a CLI killed mid-command leaves state the next command can repair.
import Database from 'better-sqlite3';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { containerStore, type ContainerStore } from './helpers/container-store.js';
import { runBerth } from './helpers/berth-cli.js';
import { spawn } from 'node:child_process';
import { BERTH_BIN } from './helpers/berth-cli.js';

let store: ContainerStore;
beforeAll(async () => {
  store = await containerStore();
}, 60_000);
afterAll(async () => {
  await store?.dispose();
}, 120_000);

const storeArgs = () => ['--root', store.root, '--runroot', store.runroot];

describe('parallel processes', () => {
  it('20 run -d and 20 rm -f at once: every command succeeds, nothing lost or corrupted', async () => {
    const old: string[] = [];
    for (let i = 0; i < 20; i++)
      old.push(await store.ok(['run', '-d', '--name', `old${i}`, store.busybox, 'sleep', '1000']));
    const runs = Array.from({ length: 20 }, (_, i) =>
      runBerth([...storeArgs(), 'run', '-d', '--name', `new${i}`, store.busybox, 'sleep', '1000'], {
        timeoutMs: 120_000,
      }),
    );
    const removals = old.map((id) => runBerth([...storeArgs(), 'rm', '-f', id], { timeoutMs: 120_000 }));
    const results = await Promise.all([...runs, ...removals]);
    for (const r of results) expect(r.code, r.stderr).toBe(0);
    const listed = (await store.ok(['ps', '-a', '--format', '{{.Names}} {{.State}}'])).split('\n').sort();
    expect(listed).toEqual(Array.from({ length: 20 }, (_, i) => `new${i} running`).sort());
    // Only the new containers' mounts and monitors are left.
    expect(store.mounts().filter((m) => m.endsWith('/merged'))).toHaveLength(20); // root filesystems
    expect(store.mounts().filter((m) => m.includes('/netns/'))).toHaveLength(20); // network namespaces
    expect(store.conmons()).toHaveLength(20);
    const db = new Database(path.join(store.root, 'berth.db'), { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.prepare('SELECT count(*) FROM object_locks').pluck().get()).toBe(0);
    } finally {
      db.close();
    }
    const rmAll = await store.run(['rm', '-a', '-f'], { timeoutMs: 120_000 });
    expect(rmAll.code, rmAll.stderr).toBe(0);
    expect(store.mounts()).toEqual([]);
    expect(store.conmons()).toEqual([]);
  }, 240_000);
});

describe('a CLI killed with SIGKILL', () => {
  it('between the runtime start and saving it leaves a container the next start takes up', async () => {
    // The exact state such a kill leaves (the SIGKILL timings below hit it only by chance): the
    // runtime runs the container, the record still says `initialized` (created in the runtime).
    const id = await store.ok(['run', '-d', store.busybox, 'sleep', '1000']);
    const db = new Database(path.join(store.root, 'berth.db'));
    try {
      const row = db.prepare('SELECT state FROM containers WHERE id = ?').get(id) as { state: string };
      const state = JSON.parse(row.state) as { status: string };
      expect(state.status).toBe('running');
      db.prepare('UPDATE containers SET state = ? WHERE id = ?').run(
        JSON.stringify({ ...state, status: 'initialized' }),
        id,
      );
    } finally {
      db.close();
    }
    const start = await store.run(['start', id]);
    expect(start.code, start.stderr).toBe(0);
    expect(await store.ok(['inspect', '--format', '{{.State.Status}}', id])).toBe('running');
    expect((await store.run(['rm', '-f', id])).code).toBe(0);
  }, 120_000);

  it('in the middle of run -d leaves a state that the next commands repair', async () => {
    for (const delay of [20, 40, 70, 100, 130, 160, 200, 250, 300]) {
      const child = spawn(
        process.execPath,
        [BERTH_BIN, ...storeArgs(), 'run', '-d', store.busybox, 'sleep', '1000'],
        { stdio: 'ignore' },
      );
      // Listen first: a fast run may be over before the delay.
      const closed = new Promise((r) => child.on('close', r));
      await new Promise((r) => setTimeout(r, delay));
      child.kill('SIGKILL');
      await closed;
    }
    // Every container that exists can be listed, started (again) and removed.
    const ids = (await store.ok(['ps', '-a', '-q', '--no-trunc'])).split('\n').filter(Boolean);
    for (const id of ids) {
      const start = await store.run(['start', id], { timeoutMs: 60_000 });
      expect(start.code, start.stderr).toBe(0);
    }
    expect((await store.ok(['ps', '-q'])).split('\n').filter(Boolean)).toHaveLength(ids.length);
    const rm = await store.run(['rm', '-a', '-f'], { timeoutMs: 120_000 });
    expect(rm.code, rm.stderr).toBe(0);
    expect(store.mounts()).toEqual([]);
    expect(store.conmons()).toEqual([]);
  }, 240_000);
});
