// Image records in the state database: one `images` row per image (ID = hex of the config
// digest, as podman's), and its names (`repo:tag` or `repo@digest`) in `image_names`, where a
// name belongs to one image at a time: pulling or tagging a name onto another image moves it.
import type { StateDatabase } from '../state/state-database.js';

export const IMAGE_MIGRATIONS = [
  {
    id: 'images-001-tables',
    sql: `
      CREATE TABLE IF NOT EXISTS images (
        id TEXT PRIMARY KEY,
        manifest_digest TEXT NOT NULL,
        manifest_media_type TEXT NOT NULL,
        config TEXT NOT NULL,
        size INTEGER NOT NULL,
        created TEXT NOT NULL DEFAULT '',
        top_layer TEXT NOT NULL DEFAULT '',
        diff_ids TEXT NOT NULL,
        digests TEXT NOT NULL DEFAULT '[]',
        names_history TEXT NOT NULL DEFAULT '[]',
        added_at INTEGER NOT NULL
      );
      CREATE TABLE IF NOT EXISTS image_names (
        name TEXT PRIMARY KEY,
        image_id TEXT NOT NULL REFERENCES images(id) ON DELETE CASCADE,
        added_at INTEGER NOT NULL
      );
      CREATE INDEX IF NOT EXISTS image_names_by_image ON image_names(image_id);
    `,
  },
];

export interface ImageRecord {
  /** 64 hex digits: the config's sha256. */
  id: string;
  /** Digest of the image's manifest (the platform instance, not the index). */
  manifestDigest: string;
  manifestMediaType: string;
  /** The image config as JSON text, exactly as pulled (its sha256 is the ID). */
  config: string;
  /** Bytes: uncompressed layers plus config and manifest. */
  size: number;
  /** RFC 3339 from the config, '' when absent. */
  created: string;
  /** Chain ID of the top layer ('' for an image without layers). */
  topLayer: string;
  /** Layer diff IDs, bottom first. */
  diffIds: string[];
  /** Every manifest digest the image was pulled by (index and instance). */
  digests: string[];
  /** Names the image has had, most recent first (podman's NamesHistory). */
  namesHistory: string[];
  /** Current names, oldest first. */
  names: string[];
  /** Unix milliseconds when the record was made. */
  addedAt: number;
}

interface ImageRow {
  id: string;
  manifest_digest: string;
  manifest_media_type: string;
  config: string;
  size: number;
  created: string;
  top_layer: string;
  diff_ids: string;
  digests: string;
  names_history: string;
  added_at: number;
}

function namesOf(db: StateDatabase, id: string): string[] {
  return db
    .prepare('SELECT name FROM image_names WHERE image_id = ? ORDER BY added_at, rowid')
    .pluck()
    .all(id) as string[];
}

function toRecord(db: StateDatabase, row: ImageRow): ImageRecord {
  return {
    id: row.id,
    manifestDigest: row.manifest_digest,
    manifestMediaType: row.manifest_media_type,
    config: row.config,
    size: row.size,
    created: row.created,
    topLayer: row.top_layer,
    diffIds: JSON.parse(row.diff_ids) as string[],
    digests: JSON.parse(row.digests) as string[],
    namesHistory: JSON.parse(row.names_history) as string[],
    names: namesOf(db, row.id),
    addedAt: row.added_at,
  };
}

export function listImageRecords(db: StateDatabase): ImageRecord[] {
  const rows = db.prepare('SELECT * FROM images ORDER BY added_at, id').all() as ImageRow[];
  return rows.map((row) => toRecord(db, row));
}

export function getImageRecord(db: StateDatabase, id: string): ImageRecord | undefined {
  const row = db.prepare('SELECT * FROM images WHERE id = ?').get(id) as ImageRow | undefined;
  return row ? toRecord(db, row) : undefined;
}

export function imageIdByName(db: StateDatabase, name: string): string | undefined {
  return db.prepare('SELECT image_id FROM image_names WHERE name = ?').pluck().get(name) as
    string | undefined;
}

/** IDs starting with a prefix (for short IDs). */
export function imageIdsByPrefix(db: StateDatabase, prefix: string): string[] {
  return db.prepare("SELECT id FROM images WHERE id LIKE ? || '%'").pluck().all(prefix) as string[];
}

function pushHistory(history: string[], name: string): string[] {
  return [name, ...history.filter((n) => n !== name)];
}

/**
 * Adds names to an image, moving each from any image that had it. Runs inside the caller's
 * transaction (or its own).
 */
export function addImageNames(db: StateDatabase, id: string, names: readonly string[]): void {
  const apply = db.transaction(() => {
    const row = db.prepare('SELECT names_history FROM images WHERE id = ?').get(id) as
      { names_history: string } | undefined;
    if (!row) throw new Error(`image ${id} is not in the store`);
    let history = JSON.parse(row.names_history) as string[];
    const now = Date.now();
    for (const name of names) {
      const owner = imageIdByName(db, name);
      if (owner === id) continue;
      db.prepare('DELETE FROM image_names WHERE name = ?').run(name);
      db.prepare('INSERT INTO image_names (name, image_id, added_at) VALUES (?, ?, ?)').run(name, id, now);
      history = pushHistory(history, name);
    }
    db.prepare('UPDATE images SET names_history = ? WHERE id = ?').run(JSON.stringify(history), id);
  });
  apply.immediate();
}

/** Removes one name from an image; false when the image did not have it. */
export function removeImageName(db: StateDatabase, id: string, name: string): boolean {
  return db.prepare('DELETE FROM image_names WHERE name = ? AND image_id = ?').run(name, id).changes > 0;
}

/** Inserts the image if new (else merges its digests) and gives it `names`. */
export function saveImageRecord(
  db: StateDatabase,
  record: Omit<ImageRecord, 'names' | 'namesHistory' | 'addedAt'>,
  names: readonly string[],
): void {
  const apply = db.transaction(() => {
    const existing = db.prepare('SELECT digests FROM images WHERE id = ?').get(record.id) as
      { digests: string } | undefined;
    if (existing) {
      const digests = [...new Set([...(JSON.parse(existing.digests) as string[]), ...record.digests])];
      db.prepare('UPDATE images SET digests = ? WHERE id = ?').run(JSON.stringify(digests), record.id);
    } else {
      db.prepare(
        `INSERT INTO images (id, manifest_digest, manifest_media_type, config, size, created, top_layer, diff_ids, digests, names_history, added_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '[]', ?)`,
      ).run(
        record.id,
        record.manifestDigest,
        record.manifestMediaType,
        record.config,
        record.size,
        record.created,
        record.topLayer,
        JSON.stringify(record.diffIds),
        JSON.stringify(record.digests),
        Date.now(),
      );
    }
    addImageNames(db, record.id, names);
  });
  apply.immediate();
}

export function deleteImageRecord(db: StateDatabase, id: string): void {
  db.prepare('DELETE FROM images WHERE id = ?').run(id);
}

/** Diff IDs referenced by any image: layers that must stay. */
export function referencedDiffIds(db: StateDatabase): Set<string> {
  const all = db.prepare('SELECT diff_ids FROM images').pluck().all() as string[];
  return new Set(all.flatMap((json) => JSON.parse(json) as string[]));
}
