// Pod rows in the state database: identity (ID, unique name), the infra container's ID and the
// pod's immutable config as JSON. A pod's state is not stored: it is derived from its containers'.
import type { StateDatabase } from '../state/state-database.js';

export const POD_MIGRATIONS = [
  {
    id: 'pods-001-tables',
    sql: `
      CREATE TABLE IF NOT EXISTS pods (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL,
        infra_id TEXT NOT NULL DEFAULT '',
        config TEXT NOT NULL
      );
    `,
  },
];

/** Namespaces a pod can share; podman's default is ipc, net and uts. */
export type PodNamespace = 'ipc' | 'net' | 'uts' | 'pid' | 'cgroup';
export const DEFAULT_SHARE: readonly PodNamespace[] = ['ipc', 'net', 'uts'];

export interface PodConfig {
  hostname: string;
  labels: Record<string, string>;
  /** Shared namespaces (held by the infra container). Empty without an infra container. */
  share: PodNamespace[];
  /** -p mappings of the pod, published on the infra container's network. */
  publish: string[];
  /** --network of the infra container (bridge by default). */
  networkMode: string;
  /** --infra (default true). */
  infra: boolean;
  /** The command line that made the pod (podman's CreateCommand). */
  createCommand: string[];
}

export interface PodRecord {
  id: string;
  name: string;
  createdAt: string;
  /** The infra container's ID, '' without one. */
  infraId: string;
  config: PodConfig;
}

interface PodRow {
  id: string;
  name: string;
  created_at: string;
  infra_id: string;
  config: string;
}

function fromRow(row: PodRow): PodRecord {
  return {
    id: row.id,
    name: row.name,
    createdAt: row.created_at,
    infraId: row.infra_id,
    config: JSON.parse(row.config) as PodConfig,
  };
}

export class PodNameInUseError extends Error {
  readonly exitCode = 125;
}

export function insertPodRecord(db: StateDatabase, record: PodRecord): void {
  try {
    db.prepare('INSERT INTO pods (id, name, created_at, infra_id, config) VALUES (?, ?, ?, ?, ?)').run(
      record.id,
      record.name,
      record.createdAt,
      record.infraId,
      JSON.stringify(record.config),
    );
  } catch (error) {
    if (/UNIQUE constraint failed: pods\.name/.test((error as Error).message))
      throw new PodNameInUseError(`adding pod to state: name "${record.name}" is in use: pod already exists`);
    throw error;
  }
}

export function setPodInfra(db: StateDatabase, id: string, infraId: string): void {
  db.prepare('UPDATE pods SET infra_id = ? WHERE id = ?').run(infraId, id);
}

export function getPodRecord(db: StateDatabase, id: string): PodRecord | undefined {
  const row = db.prepare('SELECT * FROM pods WHERE id = ?').get(id) as PodRow | undefined;
  return row ? fromRow(row) : undefined;
}

export function podIdByName(db: StateDatabase, name: string): string | undefined {
  return (db.prepare('SELECT id FROM pods WHERE name = ?').get(name) as { id: string } | undefined)?.id;
}

export function podIdsByPrefix(db: StateDatabase, prefix: string): string[] {
  if (!/^[0-9a-f]+$/.test(prefix)) return [];
  return (
    db.prepare("SELECT id FROM pods WHERE id >= ? AND id < ? || 'g'").all(prefix, prefix) as Array<{
      id: string;
    }>
  ).map((r) => r.id);
}

export function listPodRecords(db: StateDatabase): PodRecord[] {
  return (db.prepare('SELECT * FROM pods ORDER BY created_at').all() as PodRow[]).map(fromRow);
}

export function deletePodRecord(db: StateDatabase, id: string): boolean {
  return db.prepare('DELETE FROM pods WHERE id = ?').run(id).changes > 0;
}
