// `npm run check:layers`: fails (exit 1) listing every import that breaks the layering rules.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { collectImports } from './collect-imports.js';
import { checkImport, type Violation } from './layer-rules.js';

const SOURCE = /\.(ts|tsx|mts|cts|js|mjs|cjs|jsx)$/;
const LAYERED_DIRS = ['engine', 'renderer', 'electron'];
const SKIP = new Set(['node_modules', 'dist', '.cache']);

function* walk(dir: string): Generator<string> {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    if (SKIP.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else if (SOURCE.test(entry.name)) yield full;
  }
}

export function checkLayers(root: string): Violation[] {
  const violations: Violation[] = [];
  for (const dir of LAYERED_DIRS) {
    for (const file of walk(path.join(root, dir))) {
      const rel = path.relative(root, file).split(path.sep).join('/');
      for (const ref of collectImports(rel, readFileSync(file, 'utf8'))) {
        const violation = checkImport(ref);
        if (violation) violations.push(violation);
      }
    }
  }
  return violations;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(process.argv[2] ?? '.');
  const violations = checkLayers(root);
  for (const v of violations) console.error(`${v.file}:${v.line}: imports "${v.specifier}": ${v.rule}`);
  if (violations.length > 0) {
    console.error(`layer check: ${violations.length} violation(s)`);
    process.exit(1);
  }
  console.log('layer check: ok');
}
