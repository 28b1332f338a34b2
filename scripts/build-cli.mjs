// Bundles the `berth` CLI (engine included) into dist/cli with code splitting, so each command
// loads only its own chunk: start-up cost is the CLI's floor (bench scenario `version`).
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
let commit = '';
try {
  commit = execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], { stdio: ['ignore', 'pipe', 'ignore'] })
    .toString()
    .trim();
} catch {
  // not a git checkout: leave the commit empty
}

rmSync(new URL('../dist/cli', import.meta.url), { recursive: true, force: true });
await build({
  entryPoints: { berth: 'engine/src/cli/berth-entry.ts' },
  outdir: 'dist/cli',
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
