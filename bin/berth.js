#!/usr/bin/env node
// The installed `berth` command: runs the bundled CLI (npm run build makes it).
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/cli/berth.js', import.meta.url);
if (!existsSync(bundle)) {
  process.stderr.write('Error: the berth CLI is not built: run `npm run build` in the Berth checkout\n');
  process.exit(125);
}
await import(bundle.href);
