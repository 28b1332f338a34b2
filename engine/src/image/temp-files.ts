// Names for work in progress under <graphRoot>/tmp, tagged with our PID so that a later process
// can tell a crashed pull's leftovers (owner dead) from a concurrent pull's (owner alive).
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { processStartTime } from '../state/object-lock.js';

const SELF_START = processStartTime(process.pid) ?? '0';

export function tempPath(tmpDir: string, label: string): string {
  mkdirSync(tmpDir, { recursive: true, mode: 0o700 });
  return path.join(tmpDir, `${process.pid}-${SELF_START}-${randomBytes(6).toString('hex')}-${label}`);
}

/** Removes what dead processes left in tmpDir (an interrupted pull); keeps live ones' work. */
export function sweepStaleTemp(tmpDir: string): void {
  let names: string[];
  try {
    names = readdirSync(tmpDir);
  } catch {
    return;
  }
  for (const name of names) {
    const [pid, start] = name.split('-');
    if (pid && start && processStartTime(Number(pid)) === start) continue;
    rmSync(path.join(tmpDir, name), { recursive: true, force: true });
  }
}
