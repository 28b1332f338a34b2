#!/usr/bin/env node
// The installed `berth` command: runs the bundled CLI (npm run build makes it). A CommonJS script
// (bin/package.json), like the bundle: loading an ES module first would cost every command ~9 ms.
'use strict';
const { existsSync } = require('node:fs');
const path = require('node:path');

const bundle = path.join(__dirname, '..', 'dist', 'cli', 'berth.cjs');
if (!existsSync(bundle)) {
  process.stderr.write('Error: the berth CLI is not built: run `npm run build` in the Berth checkout\n');
  process.exit(125);
}
require(bundle);
