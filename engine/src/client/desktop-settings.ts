// What the desktop app remembers across restarts (Electron and web mode alike): the engine it
// was last told to use. One small JSON file beside the connections, `$XDG_CONFIG_HOME/berth/
// desktop.json` (else ~/.config), written whole through a rename so a crash never halves it.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { EngineTarget } from '../contract/connection-types.js';

export interface DesktopSettings {
  /** The engine chosen in the app (a URL given at start-up is never remembered). */
  engine?: Extract<EngineTarget, { kind: 'local' } | { kind: 'connection' }>;
}

export class DesktopSettingsError extends Error {}

export function desktopSettingsPath(env: NodeJS.ProcessEnv = process.env): string {
  const config = env.XDG_CONFIG_HOME || path.join(env.HOME || os.homedir(), '.config');
  return path.join(config, 'berth', 'desktop.json');
}

function engineOf(value: unknown): DesktopSettings['engine'] {
  const engine = value as { kind?: unknown; name?: unknown } | undefined;
  if (engine?.kind === 'local') return { kind: 'local' };
  if (engine?.kind === 'connection' && typeof engine.name === 'string' && engine.name !== '')
    return { kind: 'connection', name: engine.name };
  return undefined;
}

/** The settings; none when the file does not exist. Unreadable or invalid: a clear error. */
export function readDesktopSettings(file: string): DesktopSettings {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new DesktopSettingsError(`reading ${file}: ${(error as Error).message}`);
  }
  let parsed: { engine?: unknown };
  try {
    parsed = JSON.parse(text) as { engine?: unknown };
  } catch (error) {
    throw new DesktopSettingsError(
      `${file} is not valid JSON (${(error as Error).message}): fix or remove it`,
    );
  }
  const engine = engineOf(parsed?.engine);
  if (parsed?.engine !== undefined && !engine)
    throw new DesktopSettingsError(
      `${file}: "engine" must be {"kind":"local"} or {"kind":"connection","name":"NAME"}: fix or remove it`,
    );
  return engine ? { engine } : {};
}

export function writeDesktopSettings(file: string, settings: DesktopSettings): void {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(settings, null, 2)}\n`, { mode: 0o600 });
  renameSync(temporary, file);
}
