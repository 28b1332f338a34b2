// Container rows in the state database: identity (ID, unique name), the immutable config and the
// mutable state, each as JSON. Short statements only: callers hold the container's object lock
// (state/object-lock.ts) around read-modify-write sequences.
import type { StateDatabase } from '../state/state-database.js';
import type { ContainerConfig } from './container-config.js';
import type { ContainerState } from './container-state.js';

export const CONTAINER_MIGRATIONS = [
  {
    id: 'containers-001-tables',
    sql: `
      CREATE TABLE IF NOT EXISTS containers (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        image_id TEXT NOT NULL,
        created_at TEXT NOT NULL,
        runtime TEXT NOT NULL,
        config TEXT NOT NULL,
        state TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS containers_by_image ON containers(image_id);
    `,
  },
];

export interface ContainerRecord {
  /** 64 hex digits. */
  id: string;
  name: string;
  imageId: string;
  /** ISO time of `create`. */
  createdAt: string;
  /** The OCI runtime (runc, crun) that runs it: fixed at create so that any process uses the same. */
  runtime: string;
  config: ContainerConfig;
  state: ContainerState;
}

interface ContainerRow {
  id: string;
  name: string;
  image_id: string;
  created_at: string;
  runtime: string;
  config: string;
  state: string;
}

function toRecord(row: ContainerRow): ContainerRecord {
  return {
    id: row.id,
    name: row.name,
    imageId: row.image_id,
    createdAt: row.created_at,
    runtime: row.runtime,
    config: JSON.parse(row.config) as ContainerConfig,
    state: JSON.parse(row.state) as ContainerState,
  };
}

export class ContainerNameInUseError extends Error {
  readonly exitCode = 125;
}

/** Inserts a new container; a taken name is a clear error, not a constraint failure. */
export function insertContainerRecord(db: StateDatabase, record: ContainerRecord): void {
  try {
    db.prepare(
      'INSERT INTO containers (id, name, image_id, created_at, runtime, config, state) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ).run(
      record.id,
      record.name,
      record.imageId,
      record.createdAt,
      record.runtime,
      JSON.stringify(record.config),
      JSON.stringify(record.state),
    );
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE' && /name/.test(String(error)))
      throw new ContainerNameInUseError(
        `the container name "${record.name}" is already in use by ${containerIdByName(db, record.name)?.slice(0, 12) ?? 'another container'}: remove that container or choose another name`,
      );
    throw error;
  }
}

export function getContainerRecord(db: StateDatabase, id: string): ContainerRecord | undefined {
  const row = db.prepare('SELECT * FROM containers WHERE id = ?').get(id) as ContainerRow | undefined;
  return row ? toRecord(row) : undefined;
}

export function containerIdByName(db: StateDatabase, name: string): string | undefined {
  return db.prepare('SELECT id FROM containers WHERE name = ?').pluck().get(name) as string | undefined;
}

export function containerIdsByPrefix(db: StateDatabase, prefix: string): string[] {
  return db
    .prepare("SELECT id FROM containers WHERE id >= ? AND id < ? || '~' LIMIT 2")
    .pluck()
    .all(prefix, prefix) as string[];
}

/** All containers, oldest first. */
export function listContainerRecords(db: StateDatabase): ContainerRecord[] {
  return (db.prepare('SELECT * FROM containers ORDER BY created_at, rowid').all() as ContainerRow[]).map(
    toRecord,
  );
}

export function containerIdsUsingImage(
  db: StateDatabase,
  imageId: string,
): Array<{ id: string; name: string }> {
  return db.prepare('SELECT id, name FROM containers WHERE image_id = ?').all(imageId) as Array<{
    id: string;
    name: string;
  }>;
}

/** Replaces the state; false when the container is gone (removed by another process). */
export function saveContainerState(db: StateDatabase, id: string, state: ContainerState): boolean {
  return (
    db.prepare('UPDATE containers SET state = ? WHERE id = ?').run(JSON.stringify(state), id).changes === 1
  );
}

export function renameContainerRecord(db: StateDatabase, id: string, name: string): void {
  try {
    db.prepare('UPDATE containers SET name = ? WHERE id = ?').run(name, id);
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE')
      throw new ContainerNameInUseError(
        `the container name "${name}" is already in use: remove that container or choose another name`,
      );
    throw error;
  }
}

export function deleteContainerRecord(db: StateDatabase, id: string): boolean {
  return db.prepare('DELETE FROM containers WHERE id = ?').run(id).changes === 1;
}
