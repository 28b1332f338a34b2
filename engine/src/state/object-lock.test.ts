import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStateDatabase } from './state-database.js';
import { processStartTime, tryLock, unlock, withLock } from './object-lock.js';

const dirs: string[] = [];
function db() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'berth-lock-'));
  dirs.push(dir);
  return openStateDatabase(path.join(dir, 'state.db'));
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('object locks', () => {
  it('is held until unlocked, and re-entrant for its own process', () => {
    const d = db();
    expect(tryLock(d, 'container:a')).toBe(true);
    expect(tryLock(d, 'container:a')).toBe(true);
    unlock(d, 'container:a');
    expect(d.prepare('SELECT COUNT(*) FROM object_locks').pluck().get()).toBe(0);
  });

  it('takes over a lock whose holder died', async () => {
    const d = db();
    const child = spawn(process.execPath, ['-e', '0']);
    await new Promise((r) => child.on('exit', r));
    d.prepare('INSERT INTO object_locks VALUES (?, ?, ?, ?)').run(
      'container:b',
      child.pid,
      '12345',
      Date.now(),
    );
    expect(tryLock(d, 'container:b')).toBe(true);
  });

  it('waits for a live holder in another process', async () => {
    const d = db();
    const sleeper = spawn('sleep', ['30']);
    await new Promise((r) => setTimeout(r, 50));
    const start = processStartTime(sleeper.pid!)!;
    d.prepare('INSERT INTO object_locks VALUES (?, ?, ?, ?)').run(
      'container:c',
      sleeper.pid,
      start,
      Date.now(),
    );
    await expect(withLock(d, 'container:c', () => 1, 100)).rejects.toThrow(/another berth process holds it/);
    setTimeout(() => sleeper.kill('SIGKILL'), 50);
    await expect(withLock(d, 'container:c', () => 2, 5000)).resolves.toBe(2);
  });
});

describe('withLock within one process', () => {
  it('serialises concurrent callers of one name', async () => {
    const db = openStateDatabase(':memory:');
    const order: string[] = [];
    const slow = (label: string) =>
      withLock(db, 'container:x', async () => {
        order.push(`${label}+`);
        await new Promise((r) => setTimeout(r, 20));
        order.push(`${label}-`);
      });
    await Promise.all([slow('a'), slow('b'), slow('c')]);
    expect(order).toEqual(['a+', 'a-', 'b+', 'b-', 'c+', 'c-']);
    expect(db.prepare('SELECT count(*) FROM object_locks').pluck().get()).toBe(0);
    db.close();
  });
});
