// Lists what goes into the machine image from this checkout and hashes it, so the image is rebuilt
// exactly when the recipe, Berth's engine sources, the native modules or Node change. The key is
// taken from engine/src rather than dist/cli: every CLI build stamps its build time into the
// bundle, which would make each build a new image. Only the chunks reachable from
// dist/cli/berth.cjs are copied in: the build leaves superseded chunks behind for a few minutes.
//   node image-inputs.mjs key        -> prints the cache key (hex)
//   node image-inputs.mjs dist-files -> prints the reachable dist/cli files, one per line
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const recipeDir = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(recipeDir, '..', '..');
const cliDir = path.join(repo, 'dist', 'cli');

/** The native packages the bundled CLI loads at run time (the bundler leaves them external). */
export const NATIVE_PACKAGES = [
  'better-sqlite3',
  'bindings',
  'file-uri-to-path',
  'node-unix-socket',
  'node-unix-socket-linux-x64-gnu',
];

function reachableDistFiles() {
  const entry = path.join(cliDir, 'berth.cjs');
  if (!existsSync(entry))
    throw new Error(`${entry} is missing: run \`npm run build:cli\` before building the machine image`);
  const seen = new Set();
  const queue = ['berth.cjs'];
  while (queue.length > 0) {
    const name = queue.pop();
    if (seen.has(name)) continue;
    seen.add(name);
    const text = readFileSync(path.join(cliDir, name), 'utf8');
    // rolldown's CommonJS output loads a chunk as `require("./x-Y.cjs")`, always double-quoted
    // (bundled JSDoc mentions `import('./client.js')` in single quotes: not a chunk).
    for (const match of text.matchAll(/require\("\.\/([^"]+\.cjs)"\)/g)) queue.push(match[1]);
  }
  return [...seen].sort();
}

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      return entry.isDirectory() ? walk(full) : [full];
    })
    .sort();
}

function cacheKey() {
  const hash = createHash('sha256');
  const add = (label, file) => {
    hash.update(`${label}\0`);
    hash.update(readFileSync(file));
  };
  for (const file of walk(recipeDir)) add(path.relative(recipeDir, file), file);
  reachableDistFiles(); // fails early, with what to do, when the CLI is not built
  const engineSources = walk(path.join(repo, 'engine', 'src')).filter(
    (file) => file.endsWith('.ts') && !file.endsWith('.test.ts'),
  );
  for (const file of engineSources) add(path.relative(repo, file), file);
  for (const file of ['package.json', 'package-lock.json', 'scripts/build-cli.mjs'])
    add(file, path.join(repo, file));
  for (const pkg of NATIVE_PACKAGES) {
    const manifest = path.join(repo, 'node_modules', pkg, 'package.json');
    add(`pkg/${pkg}`, manifest);
  }
  // The guest runs this host's Node binary (the native modules are built for its ABI).
  hash.update(`node\0${process.version}\0${statSync(process.execPath).size}`);
  return hash.digest('hex').slice(0, 16);
}

const what = process.argv[2];
if (what === 'key') process.stdout.write(`${cacheKey()}\n`);
else if (what === 'dist-files') process.stdout.write(`${reachableDistFiles().join('\n')}\n`);
else if (what === 'native-packages') process.stdout.write(`${NATIVE_PACKAGES.join('\n')}\n`);
else {
  process.stderr.write('usage: node image-inputs.mjs key|dist-files|native-packages\n');
  process.exit(2);
}
