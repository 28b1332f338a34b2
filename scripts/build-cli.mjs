// Bundles the `berth` CLI (engine included) into dist/cli as CommonJS with code splitting, so each
// command loads only its own chunks: start-up cost is the CLI's floor (bench scenario `version`).
// CommonJS, not ES modules: under Node 20 each ES module costs about a millisecond more to load
// (asynchronous resolution, linking) than a required script, and a command loads some forty
// chunks: `ps` started ~40 ms sooner, `version` ~20 ms. esbuild splits ES modules only, so the
// CLI is bundled by rolldown (the bundler vite itself runs on).
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'rolldown';

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
  input: { berth: 'engine/src/cli/berth-entry.ts' },
  platform: 'node',
  // Native addons stay in node_modules; everything else is bundled (better-sqlite3's JavaScript
  // too: it loads its addon from the path state-database.ts gives it).
  external: ['node-unix-socket', 'node-pty', 'electron'],
  transform: {
    target: 'node20',
    define: {
      __BERTH_VERSION__: JSON.stringify(pkg.version),
      __BERTH_BUILT__: String(Math.floor(Date.now() / 1000)),
      __BERTH_GIT_COMMIT__: JSON.stringify(commit),
    },
  },
  logLevel: 'warn',
  // A dynamic import of a module some other chunk imports statically stays where it is; that is
  // expected here (the lazy imports keep a command's own chunk small), not worth a warning.
  onLog(level, log, report) {
    if (log.code !== 'INEFFECTIVE_DYNAMIC_IMPORT') report(level, log);
  },
  output: {
    dir: outdir,
    format: 'cjs',
    entryFileNames: '[name].cjs',
    chunkFileNames: '[name]-[hash].cjs',
    // import() of a builtin becomes require(): code compiled through vm.Script (cli/code-cache.ts)
    // has no loader for import() on Node 20 once it comes from a code cache.
    dynamicImportInCjs: false,
    // Licences stay; JSDoc goes (less to parse at each start, and no `import('...')` type
    // references that would look like dynamic imports to the code cache's check).
    comments: { legal: true, annotation: false, jsdoc: false },
    sourcemap: true,
  },
});

// A leftover is removed five minutes after the build that stopped producing it (not by its own
// age: an unchanged chunk keeps its old mtime while a running `berth` may still load it).
const produced = new Set(
  result.output.flatMap((o) => [
    o.fileName,
    ...(o.type === 'chunk' && o.sourcemapFileName ? [o.sourcemapFileName] : []),
  ]),
);
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
  if (produced.has(name) || name === '.superseded.json') continue;
  const since = superseded[name] ?? now;
  if (now - since > 5 * 60_000) rmSync(path.resolve(outdir, name), { force: true });
  else next[name] = since;
}
writeFileSync(staleFile, JSON.stringify(next));
