import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { desktopSettingsPath, readDesktopSettings, writeDesktopSettings } from './desktop-settings.js';

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'berth-desktop-settings-'));
  file = path.join(dir, 'berth', 'desktop.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('desktop settings', () => {
  it('lives beside the connections, under XDG_CONFIG_HOME (else ~/.config)', () => {
    expect(desktopSettingsPath({ XDG_CONFIG_HOME: '/cfg' })).toBe('/cfg/berth/desktop.json');
    expect(desktopSettingsPath({ HOME: '/home/me' })).toBe('/home/me/.config/berth/desktop.json');
  });

  it('reads nothing from a missing file and what it wrote from an existing one', () => {
    expect(readDesktopSettings(file)).toEqual({});
    writeDesktopSettings(file, { engine: { kind: 'connection', name: 'svc' } });
    expect(readDesktopSettings(file)).toEqual({ engine: { kind: 'connection', name: 'svc' } });
    writeDesktopSettings(file, { engine: { kind: 'local' } });
    expect(readDesktopSettings(file)).toEqual({ engine: { kind: 'local' } });
  });

  it('says which file is wrong and what to do', () => {
    writeDesktopSettings(file, {});
    writeFileSync(file, '{"engine":');
    expect(() => readDesktopSettings(file)).toThrow(
      new RegExp(`^${file} is not valid JSON .*: fix or remove it$`),
    );
    writeFileSync(file, '{"engine":{"kind":"connection"}}');
    expect(() => readDesktopSettings(file)).toThrow(
      `${file}: "engine" must be {"kind":"local"} or {"kind":"connection","name":"NAME"}: fix or remove it`,
    );
  });
});
