// Volume records in the state database: one row per volume, keyed by its name (volumes have no
// separate ID, as in podman). Configuration (driver, labels, options, owner) is fixed at creation;
// the state columns (mount count, copy-up and chown flags) change under the volume's lock.
import type { StateDatabase } from '../state/state-database.js';

export const VOLUME_MIGRATIONS = [
  {
    id: 'volumes-001-tables',
    sql: `
      CREATE TABLE IF NOT EXISTS volumes (
        name TEXT PRIMARY KEY,
        driver TEXT NOT NULL,
        mountpoint TEXT NOT NULL,
        created_at TEXT NOT NULL,
        labels TEXT NOT NULL DEFAULT '{}',
        options TEXT NOT NULL DEFAULT '{}',
        uid INTEGER,
        gid INTEGER,
        anonymous INTEGER NOT NULL DEFAULT 0,
        mount_count INTEGER NOT NULL DEFAULT 0,
        needs_copy_up INTEGER NOT NULL DEFAULT 1,
        needs_chown INTEGER NOT NULL DEFAULT 1,
        copied_up INTEGER NOT NULL DEFAULT 0
      );
    `,
  },
];

export interface VolumeRecord {
  name: string;
  driver: string;
  /** The directory containers see: `<graphRoot>/volumes/<name>/_data`. */
  mountpoint: string;
  /** RFC 3339 with nanoseconds, UTC. */
  createdAt: string;
  labels: Record<string, string>;
  /** Driver options as given (`type`, `device`, `o`) plus podman's derived UID/GID/SIZE... keys. */
  options: Record<string, string>;
  uid?: number;
  gid?: number;
  /** Made for a container's anonymous volume (`-v /data`), not by `volume create`. */
  anonymous: boolean;
  /** How many containers have it mounted (only counted for volumes that need a mount). */
  mountCount: number;
  /** The next container to mount it copies the image's content into it (if it is empty). */
  needsCopyUp: boolean;
  /** The next container to mount it gives it the owner of the directory it is mounted over. */
  needsChown: boolean;
  copiedUp: boolean;
}

interface VolumeRow {
  name: string;
  driver: string;
  mountpoint: string;
  created_at: string;
  labels: string;
  options: string;
  uid: number | null;
  gid: number | null;
  anonymous: number;
  mount_count: number;
  needs_copy_up: number;
  needs_chown: number;
  copied_up: number;
}

function toRecord(row: VolumeRow): VolumeRecord {
  const record: VolumeRecord = {
    name: row.name,
    driver: row.driver,
    mountpoint: row.mountpoint,
    createdAt: row.created_at,
    labels: JSON.parse(row.labels) as Record<string, string>,
    options: JSON.parse(row.options) as Record<string, string>,
    anonymous: row.anonymous !== 0,
    mountCount: row.mount_count,
    needsCopyUp: row.needs_copy_up !== 0,
    needsChown: row.needs_chown !== 0,
    copiedUp: row.copied_up !== 0,
  };
  if (row.uid !== null) record.uid = row.uid;
  if (row.gid !== null) record.gid = row.gid;
  return record;
}

export function getVolumeRecord(db: StateDatabase, name: string): VolumeRecord | undefined {
  const row = db.prepare('SELECT * FROM volumes WHERE name = ?').get(name) as VolumeRow | undefined;
  return row ? toRecord(row) : undefined;
}

export function listVolumeRecords(db: StateDatabase): VolumeRecord[] {
  return (db.prepare('SELECT * FROM volumes ORDER BY name').all() as VolumeRow[]).map(toRecord);
}

/** Inserts a new volume; false when the name is taken (the primary key decides, atomically). */
export function insertVolumeRecord(db: StateDatabase, record: VolumeRecord): boolean {
  const result = db
    .prepare(
      `INSERT OR IGNORE INTO volumes (name, driver, mountpoint, created_at, labels, options, uid, gid, anonymous, mount_count, needs_copy_up, needs_chown, copied_up)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      record.name,
      record.driver,
      record.mountpoint,
      record.createdAt,
      JSON.stringify(record.labels),
      JSON.stringify(record.options),
      record.uid ?? null,
      record.gid ?? null,
      record.anonymous ? 1 : 0,
      record.mountCount,
      record.needsCopyUp ? 1 : 0,
      record.needsChown ? 1 : 0,
      record.copiedUp ? 1 : 0,
    );
  return result.changes > 0;
}

export function deleteVolumeRecord(db: StateDatabase, name: string): boolean {
  return db.prepare('DELETE FROM volumes WHERE name = ?').run(name).changes > 0;
}

export type VolumeState = Pick<VolumeRecord, 'mountCount' | 'needsCopyUp' | 'needsChown' | 'copiedUp'>;

/** Updates state columns of one volume (call under the volume's lock). */
export function updateVolumeState(db: StateDatabase, name: string, state: Partial<VolumeState>): void {
  const columns: Record<keyof VolumeState, string> = {
    mountCount: 'mount_count',
    needsCopyUp: 'needs_copy_up',
    needsChown: 'needs_chown',
    copiedUp: 'copied_up',
  };
  const sets: string[] = [];
  const values: number[] = [];
  for (const [key, column] of Object.entries(columns) as [keyof VolumeState, string][]) {
    const value = state[key];
    if (value === undefined) continue;
    sets.push(`${column} = ?`);
    values.push(typeof value === 'boolean' ? (value ? 1 : 0) : value);
  }
  if (sets.length === 0) return;
  db.prepare(`UPDATE volumes SET ${sets.join(', ')} WHERE name = ?`).run(...values, name);
}
