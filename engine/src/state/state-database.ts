// The engine's shared, daemonless state: one SQLite database per store, in WAL mode so that the
// CLI, the API service and the desktop app (separate processes) read and write it at once.
// Writers use short IMMEDIATE transactions; SQLite's own locking serialises them across processes.
import BetterSqlite3 from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { MIGRATIONS, type Migration } from './migrations.js';
import { sleepSync } from '../util/sleep-sync.js';

export type StateDatabase = BetterSqlite3.Database;

// Imported, so the CLI bundle carries better-sqlite3's JavaScript in its chunks (compiled from the
// code cache, found without a search) and only the addon is loaded from node_modules; that was a
// dozen separately resolved and compiled files on every command's start-up.
const nodeRequire = createRequire(import.meta.url);

export interface OpenOptions {
  readonly?: boolean;
  /** Defaults to all registered migrations; tests may pass their own. */
  migrations?: readonly Migration[];
}

export function openStateDatabase(file: string, options: OpenOptions = {}): StateDatabase {
  if (!options.readonly) mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const db = new BetterSqlite3(file, {
    readonly: options.readonly ?? false,
    fileMustExist: options.readonly ?? false,
    nativeBinding: nativeBindingPath(),
  });
  // Another process may hold the write lock for a moment: wait rather than fail.
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  if (!options.readonly) {
    retryWhileBusy(() => {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
      applyMigrations(db, options.migrations ?? MIGRATIONS);
    });
  }
  return db;
}

const BUSY_TIMEOUT_MS = 10_000;

/**
 * Runs `work` again while SQLite answers "database is locked". Processes opening a new store at
 * once race on its set-up (WAL mode, which needs the database alone, then the schema): `berth
 * images` run twice at once on a new store failed so once in 40 tries, and two parallel pulls
 * did in a CI run, although busy_timeout was set. Every step of `work` may be repeated.
 */
function retryWhileBusy(work: () => void): void {
  const deadline = Date.now() + BUSY_TIMEOUT_MS;
  for (let pause = 2; ; pause = Math.min(pause * 2, 50)) {
    try {
      work();
      return;
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (typeof code !== 'string' || !code.startsWith('SQLITE_BUSY') || Date.now() > deadline) throw error;
      // openStateDatabase is synchronous: a blocking pause of a few ms, the other opener's turn.
      sleepSync(pause);
    }
  }
}

let addonPath: string | null | undefined;
/**
 * The addon's path, found once by module resolution. Without it better-sqlite3 asks the
 * `bindings` package, which builds an Error to read its caller's file from the stack and then
 * probes a dozen build folders: 5 to 15 ms of every CLI command's start-up.
 */
function nativeBindingPath(): string | undefined {
  if (addonPath === undefined) {
    try {
      addonPath = nodeRequire.resolve('better-sqlite3/build/Release/better_sqlite3.node');
    } catch {
      addonPath = null; // an unusual layout (a packaged app): let better-sqlite3 search
    }
  }
  return addonPath ?? undefined;
}

/** Applies, once and in order, the migrations this database has not seen yet. */
export function applyMigrations(db: StateDatabase, migrations: readonly Migration[]): void {
  // Fast path for every command after the first: one pragma read instead of a table scan. The
  // version is only a hint (the number of migrations some process applied); the ids decide.
  if ((db.pragma('user_version', { simple: true }) as number) === migrations.length) return;
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, applied_at INTEGER NOT NULL)');
  const applied = new Set(db.prepare('SELECT id FROM schema_migrations').pluck().all() as string[]);
  const pending = migrations.filter((m) => !applied.has(m.id));
  if (pending.length === 0) {
    if (applied.size === migrations.length) db.pragma(`user_version = ${migrations.length}`);
    return;
  }
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
  db.pragma(`user_version = ${migrations.length}`);
}

/** Whether a table exists (a domain's migration may not have run in a read-only open). */
export function tableExists(db: StateDatabase, table: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) !== undefined;
}
