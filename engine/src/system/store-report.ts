// The store half of `berth info`: paths and object counts, read from the state database without
// creating anything (info on a fresh machine must not write).
import { existsSync } from 'node:fs';
import type { StoreReport } from '../contract/system-types.js';
import type { StorePaths } from '../config/store-paths.js';
import { openStateDatabase, tableExists } from '../state/state-database.js';

function count(db: ReturnType<typeof openStateDatabase>, table: string, where = ''): number {
  if (!tableExists(db, table)) return 0;
  return db.prepare(`SELECT COUNT(*) FROM ${table} ${where}`).pluck().get() as number;
}

export function storeReport(paths: StorePaths, configFile = ''): StoreReport {
  const report: StoreReport = {
    configFile,
    containerStore: { number: 0, paused: 0, running: 0, stopped: 0 },
    graphDriverName: 'overlay',
    graphOptions: {},
    graphRoot: paths.graphRoot,
    imageStore: { number: 0 },
    runRoot: paths.runRoot,
    volumePath: paths.volumePath,
  };
  if (!existsSync(paths.databasePath)) return report;
  const db = openStateDatabase(paths.databasePath, { readonly: true });
  try {
    report.imageStore.number = count(db, 'images');
    const containers = count(db, 'containers');
    const running = count(db, 'containers', "WHERE state = 'running'");
    const paused = count(db, 'containers', "WHERE state = 'paused'");
    report.containerStore = { number: containers, running, paused, stopped: containers - running - paused };
  } finally {
    db.close();
  }
  return report;
}
