// The engine's shared, daemonless state: one SQLite database per store, in WAL mode so that the
// CLI, the API service and the desktop app (separate processes) read and write it at once.
// Writers use short IMMEDIATE transactions; SQLite's own locking serialises them across processes.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { MIGRATIONS, type Migration } from './migrations.js';

export type StateDatabase = Database.Database;

export interface OpenOptions {
  readonly?: boolean;
  /** Defaults to all registered migrations; tests may pass their own. */
  migrations?: readonly Migration[];
}

export function openStateDatabase(file: string, options: OpenOptions = {}): StateDatabase {
  if (!options.readonly) mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const db = new Database(file, {
    readonly: options.readonly ?? false,
    fileMustExist: options.readonly ?? false,
  });
  // Another process may hold the write lock for a moment: wait rather than fail.
  db.pragma('busy_timeout = 10000');
  if (!options.readonly) {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    applyMigrations(db, options.migrations ?? MIGRATIONS);
  }
  return db;
}

/** Applies, once and in order, the migrations this database has not seen yet. */
export function applyMigrations(db: StateDatabase, migrations: readonly Migration[]): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, applied_at INTEGER NOT NULL)');
  const applied = new Set(db.prepare('SELECT id FROM schema_migrations').pluck().all() as string[]);
  const pending = migrations.filter((m) => !applied.has(m.id));
  if (pending.length === 0) return;
  const apply = db.transaction(() => {
    // Re-read inside the write lock: a concurrent process may have applied some meanwhile.
    const now = new Set(db.prepare('SELECT id FROM schema_migrations').pluck().all() as string[]);
    for (const migration of pending) {
      if (now.has(migration.id)) continue;
      db.exec(migration.sql);
      db.prepare('INSERT INTO schema_migrations (id, applied_at) VALUES (?, ?)').run(
        migration.id,
        Date.now(),
      );
    }
  });
  apply.immediate();
}

/** Whether a table exists (a domain's migration may not have run in a read-only open). */
export function tableExists(db: StateDatabase, table: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) !== undefined;
}
