// Bundles the machine's API service program (engine/src/machine/guest) into two CommonJS files:
// start-api-service.cjs, a small loader, and api-service.cjs, the service with all it imports
// except the native modules (they stay in node_modules). One file instead of the CLI's chunks
// because one classic script is what cached-script.ts runs with a V8 code cache under Node 20.
//   node bundle-guest-service.mjs OUT-DIR
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const outdir = process.argv[2];
if (!outdir) {
  process.stderr.write('usage: node bundle-guest-service.mjs OUT-DIR\n');
  process.exit(2);
}
const pkg = JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8'));
let commit = '';
try {
  commit = execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], {
    cwd: repo,
    stdio: ['ignore', 'pipe', 'ignore'],
  })
    .toString()
    .trim();
} catch {
  // not a git checkout: leave the commit empty
}

const guest = path.join(repo, 'engine', 'src', 'machine', 'guest');
await build({
  entryPoints: {
    'start-api-service': path.join(guest, 'guest-service-main.ts'),
    'api-service': path.join(guest, 'guest-api-service.ts'),
  },
  outdir,
  outExtension: { '.js': '.cjs' },
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  // Native addons stay in node_modules, as in the CLI's bundle (scripts/build-cli.mjs).
  external: ['better-sqlite3', 'node-unix-socket', 'node-pty', 'electron'],
  // The engine finds its native modules and bin/berth.js from its own location (import.meta.url).
  define: {
    'import.meta.url': '__berthModuleUrl',
    __BERTH_VERSION__: JSON.stringify(pkg.version),
    __BERTH_BUILT__: String(Math.floor(Date.now() / 1000)),
    __BERTH_GIT_COMMIT__: JSON.stringify(commit),
  },
  banner: { js: 'var __berthModuleUrl = require("node:url").pathToFileURL(__filename).href;' },
  logLevel: 'warning',
});
