// A Store is one opened Berth store: its paths and its state database. Every engine service
// (images, containers, pods...) works on a Store; any number of processes may open the same one.
import { mkdirSync } from 'node:fs';
import { resolveStorePaths, type StorePaths } from '../config/store-paths.js';
import { openStateDatabase, type StateDatabase } from './state-database.js';

export interface Store {
  paths: StorePaths;
  db: StateDatabase;
  close(): void;
}

export function openStore(options: { root?: string; runroot?: string } = {}): Store {
  const paths = resolveStorePaths(options);
  mkdirSync(paths.graphRoot, { recursive: true, mode: 0o711 });
  mkdirSync(paths.runRoot, { recursive: true, mode: 0o700 });
  const db = openStateDatabase(paths.databasePath);
  return {
    paths,
    db,
    close: () => {
      if (db.open) db.close();
    },
  };
}
