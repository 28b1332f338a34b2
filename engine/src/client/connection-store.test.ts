import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { readConnections, requireConnection, updateConnections } from './connection-store.js';

const run = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));
let dir = '';

afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('connection store', () => {
  it('keeps every change when several processes add connections at once', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'berth-conn-'));
    const file = path.join(dir, 'connections.json');
    // Each process adds 25 connections, one locked read-modify-write each, all starting at the
    // same moment (their start-up times differ) so that their changes interleave.
    const script = `
      import { updateConnections } from ${JSON.stringify(path.join(here, 'connection-store.ts'))};
      const [file, who, at] = process.argv.slice(-3);
      while (Date.now() < Number(at));
      for (let i = 0; i < 25; i++)
        updateConnections((d) => { d.Connection.Connections[who + '-' + i] = { URI: 'unix:///tmp/' + who + i }; }, file);
    `;
    const at = String(Date.now() + 8000);
    const tsx = path.join(here, '../../../node_modules/tsx/dist/cli.mjs');
    await Promise.all(
      ['a', 'b', 'c', 'd'].map((who) =>
        run(process.execPath, [tsx, '--eval', script, '--', file, who, at], { cwd: dir }),
      ),
    );
    const names = Object.keys(readConnections(file).Connection.Connections).sort();
    expect(names).toHaveLength(100);
    expect(existsSync(`${file}.lock`)).toBe(false);
  }, 60_000);

  it('takes over a lock whose holder died, and leaves the file as it was when a change throws', () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'berth-conn-'));
    const file = path.join(dir, 'connections.json');
    updateConnections((d) => {
      d.Connection.Connections.one = { URI: 'unix:///tmp/one' };
    }, file);
    // A PID that cannot be alive (above pid_max's ceiling).
    writeFileSync(`${file}.lock`, '4194305');
    expect(() =>
      updateConnections((d) => {
        requireConnection('missing', d);
      }, file),
    ).toThrow(/connection "missing" not found: known connections: one/);
    expect(Object.keys(readConnections(file).Connection.Connections)).toEqual(['one']);
    expect(existsSync(`${file}.lock`)).toBe(false);
  });
});
