// Bundles the `berth` CLI (engine included) into dist/cli with code splitting, so each command
// loads only its own chunk: start-up cost is the CLI's floor (bench scenario `version`).
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
let commit = '';
try {
  commit = execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], { stdio: ['ignore', 'pipe', 'ignore'] })
    .toString()
    .trim();
} catch {
  // not a git checkout: leave the commit empty
}

// Chunks are named by content hash, so a rebuild adds files and rewrites the entry without
// emptying the folder first: a `berth` started just before a rebuild (tests run by another
// developer or agent on the same tree) still finds the chunks it loads lazily. Leftovers from
// earlier builds are removed once they are a few minutes old.
const outdir = 'dist/cli';
const result = await build({
  entryPoints: { berth: 'engine/src/cli/berth-entry.ts' },
  outdir,
  metafile: true,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  // Native addons stay in node_modules; everything else is bundled.
  external: ['better-sqlite3', 'node-unix-socket', 'node-pty', 'electron'],
  // CommonJS dependencies bundled into ESM still call require() for Node built-ins.
  banner: {
    js: "import { createRequire as __berthCreateRequire } from 'node:module'; const require = __berthCreateRequire(import.meta.url);",
  },
  define: {
    __BERTH_VERSION__: JSON.stringify(pkg.version),
    __BERTH_BUILT__: String(Math.floor(Date.now() / 1000)),
    __BERTH_GIT_COMMIT__: JSON.stringify(commit),
  },
  logLevel: 'warning',
});

// A leftover is removed five minutes after the build that stopped producing it (not by its own
// age: an unchanged chunk keeps its old mtime while a running `berth` may still load it).
const produced = new Set(Object.keys(result.metafile.outputs).map((file) => path.resolve(file)));
const staleFile = path.join(outdir, '.superseded.json');
let superseded = {};
try {
  superseded = JSON.parse(readFileSync(staleFile, 'utf8'));
} catch {
  // first build, or the record was lost: start a new one
}
const now = Date.now();
const next = {};
for (const name of readdirSync(outdir)) {
  const file = path.resolve(outdir, name);
  if (produced.has(file) || name === '.superseded.json') continue;
  const since = superseded[name] ?? now;
  if (now - since > 5 * 60_000) rmSync(file, { force: true });
  else next[name] = since;
}
writeFileSync(staleFile, JSON.stringify(next));
