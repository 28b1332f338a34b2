import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addConnection } from '../client/connection-edits.js';
import { readDesktopSettings, writeDesktopSettings } from '../client/desktop-settings.js';
import { openDesktopBackend, type DesktopBackend } from './desktop-backend.js';

let dir: string;
let env: NodeJS.ProcessEnv;
let backend: DesktopBackend | undefined;
const settingsFile = () => path.join(dir, 'config', 'berth', 'desktop.json');

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'berth-desktop-backend-'));
  env = { XDG_CONFIG_HOME: path.join(dir, 'config'), HOME: dir };
  // A connection whose socket nothing listens on (a stopped machine's, say).
  addConnection(
    { name: 'stopped-vm', destination: `unix://${path.join(dir, 'api.sock')}` },
    path.join(dir, 'config', 'berth', 'connections.json'),
  );
});

afterEach(async () => {
  await backend?.close();
  backend = undefined;
  rmSync(dir, { recursive: true, force: true });
});

const open = (choice = {}) =>
  (backend = openDesktopBackend({
    choice,
    local: { root: path.join(dir, 'root'), runroot: path.join(dir, 'run') },
    env,
  }));

describe('desktop backend: the engine it starts with', () => {
  it('starts on the local engine when nothing was chosen', async () => {
    const { notes } = await open().start();
    expect(notes).toEqual([]);
    expect(backend!.connection.location).toBe('local');
  });

  it('falls back to the local engine, saying so, when the remembered one does not answer', async () => {
    writeDesktopSettings(settingsFile(), { engine: { kind: 'connection', name: 'stopped-vm' } });
    const { notes } = await open().start();
    expect(notes).toEqual([
      expect.stringMatching(
        /^the engine "stopped-vm" chosen last time cannot be used \(unable to connect to Berth socket: dial unix .*api\.sock: connect: .*\); using the local engine$/,
      ),
    ]);
    expect(backend!.connection.snapshot()).toMatchObject({ label: 'local', status: 'connected' });
    // The fallback is not a choice: the next start tries the remembered engine again.
    expect(readDesktopSettings(settingsFile())).toEqual({
      engine: { kind: 'connection', name: 'stopped-vm' },
    });
  });

  it('fails when the engine named by a flag cannot be used, and ignores the remembered one', async () => {
    writeDesktopSettings(settingsFile(), { engine: { kind: 'local' } });
    await expect(open({ connection: 'stopped-vm' }).start()).rejects.toThrow(
      /^unable to connect to Berth socket: dial unix .*api\.sock/,
    );
    expect(backend!.connection.state).toBe('disconnected');
  });

  it('fails start() (not before) when a flag names a connection that does not exist', async () => {
    await expect(open({ connection: 'nope' }).start()).rejects.toThrow(
      'connection "nope" not found: known connections: stopped-vm',
    );
  });

  it('says what is wrong with a broken settings file and starts locally', async () => {
    writeDesktopSettings(settingsFile(), {});
    const { writeFileSync } = await import('node:fs');
    writeFileSync(settingsFile(), 'not json');
    const { notes } = await open().start();
    expect(notes).toEqual([
      expect.stringMatching(/desktop\.json is not valid JSON .*: fix or remove it; using the local engine$/),
    ]);
  });

  it('serves the connections domain next to the engine', async () => {
    await open().start();
    const report = await backend!.service['connections.list']({});
    expect(report.choices.map((c) => [c.name, c.inUse, c.reachable])).toEqual([
      ['local', true, true],
      ['stopped-vm', false, false],
    ]);
    await expect(backend!.service['connections.use']({ name: 'stopped-vm' })).rejects.toThrow(
      /^could not switch to the engine "stopped-vm": unable to connect to Berth socket: .* \(still using the engine "local"\)$/,
    );
    expect(backend!.connection.location).toBe('local');
  });
});
