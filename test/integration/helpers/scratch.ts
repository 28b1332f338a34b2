// Temporary folders and Berth stores a test file makes as it goes, all removed by one cleanup()
// in its afterAll.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { tempStore, type BerthStore } from './berth-cli.js';

export interface Scratch {
  /** A new empty folder under the system's temporary folder, named `<prefix>-XXXXXX`. */
  dir(): string;
  /** A new empty Berth store. */
  store(): BerthStore;
  cleanup(): void;
}

export function scratch(prefix: string): Scratch {
  const dirs: string[] = [];
  const stores: BerthStore[] = [];
  return {
    dir() {
      const dir = mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
      dirs.push(dir);
      return dir;
    },
    store() {
      const s = tempStore();
      stores.push(s);
      return s;
    },
    cleanup() {
      for (const s of stores) s.cleanup();
      for (const d of dirs) rmSync(d, { recursive: true, force: true });
    },
  };
}
