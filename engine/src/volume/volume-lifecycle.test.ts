import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readEvents } from '../events/read-events.js';
import { openStore, type Store } from '../state/store.js';
import { createVolume } from './volume-create.js';
import { VolumeExistsError, VolumeInUseError, VolumeNotFoundError } from './volume-errors.js';
import { volumeListFilter, volumePruneFilter } from './volume-filters.js';
import { inspectVolume } from './volume-inspect.js';
import { lookupVolume } from './volume-lookup.js';
import { listVolumeRecords } from './volume-records.js';
import { pruneVolumes, removeVolume, removeVolumes } from './volume-remove.js';
import { releaseVolume, useVolume } from './volume-use.js';
import { registerVolumeUsageHooks, type VolumeUsageHooks } from './volume-users.js';
import { findMount } from '../storage/mountinfo.js';

let base: string;
let store: Store;
const noUsers: VolumeUsageHooks = {
  containersUsingVolume: () => [],
  removeContainersForVolume: async () => {},
};

beforeEach(() => {
  base = mkdtempSync(path.join(os.tmpdir(), 'berth-volumes-'));
  store = openStore({ root: path.join(base, 'root'), runroot: path.join(base, 'run') });
});
afterEach(() => {
  registerVolumeUsageHooks(noUsers);
  store.close();
  rmSync(base, { recursive: true, force: true });
});

const names = (filters: string[] = []) =>
  listVolumeRecords(store.db)
    .filter(volumeListFilter(store.db, filters))
    .map((v) => v.name);

describe('volume lifecycle', () => {
  it('creates a volume with its directory and podman inspect fields', async () => {
    const { volume, created } = await createVolume(store, { name: 'data', labels: { app: 'shop' } });
    expect(created).toBe(true);
    expect(statSync(volume.mountpoint).isDirectory()).toBe(true);
    expect(volume.mountpoint).toBe(path.join(base, 'root', 'volumes', 'data', '_data'));
    const data = inspectVolume(volume);
    expect(Object.keys(data)).toEqual([
      'Name',
      'Driver',
      'Mountpoint',
      'CreatedAt',
      'Labels',
      'Scope',
      'Options',
      'MountCount',
      'NeedsCopyUp',
      'NeedsChown',
    ]);
    expect(data).toMatchObject({
      Name: 'data',
      Driver: 'local',
      Scope: 'local',
      Labels: { app: 'shop' },
      MountCount: 0,
      NeedsCopyUp: true,
      NeedsChown: true,
    });
    expect(data.CreatedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
    await expect(createVolume(store, { name: 'data' })).rejects.toBeInstanceOf(VolumeExistsError);
    expect((await createVolume(store, { name: 'data', ignoreIfExists: true })).created).toBe(false);
    await expect(createVolume(store, { name: 'x', driver: 'nfs' })).rejects.toThrow(
      /driver "nfs" is not supported/,
    );
  });

  it('finds volumes by unique prefix and refuses ambiguous ones', async () => {
    await createVolume(store, { name: 'alpha1' });
    await createVolume(store, { name: 'alpha2' });
    await createVolume(store, { name: 'beta' });
    expect(lookupVolume(store.db, 'be')?.name).toBe('beta');
    expect(() => lookupVolume(store.db, 'alpha')).toThrow(/more than one result/);
    expect(lookupVolume(store.db, 'a%')).toBeUndefined();
    expect(lookupVolume(store.db, 'gamma')).toBeUndefined();
  });

  it('filters like podman volume ls', async () => {
    await createVolume(store, { name: 'web-data', labels: { app: 'web', tier: 'front' } });
    await createVolume(store, { name: 'db-data', labels: { app: 'db' } });
    await createVolume(store, { name: 'scratch', options: { type: 'tmpfs', device: 'tmpfs' } });
    await useVolume(store, undefined).then((m) => releaseVolume(store, m.name));
    expect(names(['name=data'])).toEqual(['db-data', 'web-data']);
    expect(names(['name=^web', 'name=^db'])).toEqual(['db-data', 'web-data']);
    expect(names(['label=app'])).toEqual(['db-data', 'web-data']);
    expect(names(['label=app=web', 'label=tier'])).toEqual(['web-data']);
    expect(names(['label!=app'])).toHaveLength(2);
    expect(names(['opt=type=tmpfs'])).toEqual(['scratch']);
    expect(names(['driver=local'])).toHaveLength(4);
    expect(names(['anonymous=true'])).toHaveLength(1);
    expect(names(['dangling=true'])).toHaveLength(4);
    expect(names(['since=db-data'])).not.toContain('db-data');
    expect(names(['until=1h'])).toEqual([]);
    expect(() => names(['colour=blue'])).toThrow(/"colour" is an invalid volume filter/);
    expect(() => names(['dangling=maybe'])).toThrow(/must be true or false/);
  });

  it('refuses to remove a volume in use unless forced, and forced removal removes its containers', async () => {
    await createVolume(store, { name: 'shared' });
    const removedContainers: string[] = [];
    registerVolumeUsageHooks({
      containersUsingVolume: (_db, name) =>
        name === 'shared' && removedContainers.length === 0
          ? [{ id: 'c1'.padEnd(64, '0'), name: 'web' }]
          : [],
      removeContainersForVolume: async (_store, ids) => void removedContainers.push(...ids),
    });
    await expect(removeVolume(store, 'shared')).rejects.toBeInstanceOf(VolumeInUseError);
    expect(names(['dangling=false'])).toEqual(['shared']);
    await removeVolume(store, 'shared', { force: true });
    expect(removedContainers).toEqual(['c1'.padEnd(64, '0')]);
    expect(names()).toEqual([]);
    expect(existsSync(path.join(base, 'root', 'volumes', 'shared'))).toBe(false);
    await expect(removeVolume(store, 'shared')).rejects.toBeInstanceOf(VolumeNotFoundError);
  });

  it('removes all, collects errors, and sweeps removals that were interrupted', async () => {
    await createVolume(store, { name: 'a' });
    await createVolume(store, { name: 'b' });
    const leftover = path.join(base, 'root', 'volumes', '.removing-old-1234');
    rmSync(leftover, { recursive: true, force: true });
    mkdirSync(leftover, { recursive: true });
    writeFileSync(path.join(leftover, 'stale'), 'x');
    const report = await removeVolumes(store, ['a', 'nope']);
    expect(report.removed).toEqual(['a']);
    expect(report.errors.map((e) => e.constructor.name)).toEqual(['VolumeNotFoundError']);
    expect(readdirSync(path.join(base, 'root', 'volumes'))).toEqual(['b']);
    expect((await removeVolumes(store, [], { all: true })).removed).toEqual(['b']);
  });

  it('prunes anonymous unused volumes by default, all unused with --all, and records events', async () => {
    await createVolume(store, { name: 'named', labels: { keep: 'no' } });
    const anon = (await useVolume(store, undefined)).name;
    expect(anon).toMatch(/^[0-9a-f]{64}$/);
    registerVolumeUsageHooks({
      containersUsingVolume: (_db, name) => (name === 'busy' ? [{ id: 'c', name: 'c' }] : []),
      removeContainersForVolume: async () => {},
    });
    await createVolume(store, { name: 'busy' });
    expect(await pruneVolumes(store)).toEqual([anon]);
    const { filter, all } = volumePruneFilter(store.db, ['label=keep=yes', 'all=true']);
    expect(all).toBe(true);
    expect(await pruneVolumes(store, { all, filter })).toEqual([]);
    expect(await pruneVolumes(store, { all: true })).toEqual(['named']);
    expect(names()).toEqual(['busy']);
    const events: string[] = [];
    for await (const e of readEvents(store, { filters: ['type=volume'] }))
      events.push(`${e.Status} ${e.Name}`);
    expect(events).toEqual([
      'create named',
      `create ${anon}`,
      'create busy',
      `remove ${anon}`,
      `prune ${anon}`,
      'remove named',
      'prune named',
    ]);
  });

  it.runIf(process.getuid?.() === 0)(
    'mounts option volumes while used and unmounts after the last user',
    async () => {
      await createVolume(store, {
        name: 'fast',
        options: { type: 'tmpfs', device: 'tmpfs', o: 'size=1m,mode=1777' },
      });
      const first = await useVolume(store, 'fast');
      await useVolume(store, 'fast');
      const mount = findMount(first.hostPath);
      expect(mount?.fsType).toBe('tmpfs');
      expect(lookupVolume(store.db, 'fast')?.mountCount).toBe(2);
      await releaseVolume(store, 'fast');
      expect(findMount(first.hostPath)).toBeDefined();
      await releaseVolume(store, 'fast');
      expect(findMount(first.hostPath)).toBeUndefined();
      expect(lookupVolume(store.db, 'fast')?.mountCount).toBe(0);
      await useVolume(store, 'fast');
      await removeVolume(store, 'fast', { force: true });
      expect(findMount(first.hostPath)).toBeUndefined();
    },
  );

  it('useVolume creates missing named volumes unless told not to', async () => {
    const mounted = await useVolume(store, 'auto', { labels: { made: 'by-run' } });
    expect(mounted).toEqual({
      name: 'auto',
      hostPath: path.join(base, 'root', 'volumes', 'auto', '_data'),
      created: true,
    });
    expect((await useVolume(store, 'auto')).created).toBe(false);
    expect(lookupVolume(store.db, 'auto')?.labels).toEqual({ made: 'by-run' });
    await expect(useVolume(store, 'missing', { create: false })).rejects.toBeInstanceOf(VolumeNotFoundError);
  });
});
