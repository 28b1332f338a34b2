// Bundles the Electron shell: main as an ES module (engine included), preload as CommonJS
// (sandboxed preloads cannot load ES modules). `electron` itself is provided at run time.
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: 'linked', logLevel: 'warning' };
await build({
  ...common,
  entryPoints: ['electron/main/main.ts'],
  outfile: 'dist/electron/main.js',
  format: 'esm',
  external: ['electron', 'better-sqlite3', 'node-unix-socket', 'node-pty'],
  banner: {
    js: "import { createRequire as __berthCreateRequire } from 'node:module'; const require = __berthCreateRequire(import.meta.url);",
  },
});
await build({
  ...common,
  entryPoints: ['electron/preload/preload.ts'],
  outfile: 'dist/electron/preload.cjs',
  format: 'cjs',
  external: ['electron'],
});
