// Finds the built renderer (dist/renderer/index.html) from wherever this code runs: the CLI
// bundle in dist/cli, or the TypeScript sources under tsx and vitest.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export function findRendererDir(
  from: string = path.dirname(fileURLToPath(import.meta.url)),
): string | undefined {
  let dir = from;
  while (true) {
    const candidate = path.join(dir, 'dist', 'renderer');
    if (existsSync(path.join(candidate, 'index.html'))) return candidate;
    const sibling = path.join(dir, 'renderer');
    if (path.basename(dir) === 'dist' && existsSync(path.join(sibling, 'index.html'))) return sibling;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
