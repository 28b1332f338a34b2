// Remembers the window's size and position between runs (a small JSON file in userData).
import { readFileSync, writeFileSync } from 'node:fs';

export interface WindowBounds {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized?: boolean;
}

export function loadWindowBounds(file: string): WindowBounds | undefined {
  try {
    const value = JSON.parse(readFileSync(file, 'utf8')) as Partial<WindowBounds>;
    if (typeof value.width !== 'number' || typeof value.height !== 'number') return undefined;
    if (value.width < 400 || value.height < 300 || value.width > 10000 || value.height > 10000)
      return undefined;
    return {
      width: value.width,
      height: value.height,
      x: typeof value.x === 'number' ? value.x : undefined,
      y: typeof value.y === 'number' ? value.y : undefined,
      maximized: value.maximized === true,
    };
  } catch {
    return undefined;
  }
}

export function saveWindowBounds(file: string, bounds: WindowBounds): void {
  try {
    writeFileSync(file, JSON.stringify(bounds));
  } catch {
    // losing the window position is not worth failing a quit over
  }
}
