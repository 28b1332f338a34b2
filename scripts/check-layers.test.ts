import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkLayers } from './check-layers.js';

const roots: string[] = [];
function tree(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'berth-layers-'));
  roots.push(root);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}
afterEach(() => {
  for (const r of roots.splice(0)) rmSync(r, { recursive: true, force: true });
});

describe('layer check', () => {
  it('accepts a tree that follows the rules', () => {
    const root = tree({
      'engine/src/contract/types.ts': "import { z } from 'zod';\nexport const A = z.string();\n",
      'engine/src/image/pull.ts':
        "import fs from 'node:fs';\nimport type { A } from '../contract/types.js';\n",
      'renderer/src/App.tsx':
        "import React from 'react';\nimport type { A } from '../../engine/src/contract/types.js';\n",
      'electron/preload/index.ts': "import { contextBridge } from 'electron';\n",
      'engine/src/contract/types.test.ts': "import { it } from 'vitest';\n",
    });
    expect(checkLayers(root)).toEqual([]);
  });

  it.each([
    ['engine importing electron', 'engine/src/x.ts', "import { app } from 'electron';"],
    ['engine importing react', 'engine/src/x.ts', "import React from 'react';"],
    ['engine importing the renderer', 'engine/src/x.ts', "import { A } from '../../renderer/src/a.js';"],
    ['contract importing node', 'engine/src/contract/x.ts', "import fs from 'node:fs';"],
    ['contract importing the engine', 'engine/src/contract/x.ts', "import { p } from '../image/pull.js';"],
    [
      'renderer importing engine runtime code',
      'renderer/src/x.ts',
      "import { p } from '../../engine/src/image/pull.js';",
    ],
    ['renderer importing node built-ins', 'renderer/src/x.ts', "import fs from 'fs';"],
    ['renderer requiring a native addon', 'renderer/src/x.ts', "const d = require('better-sqlite3');"],
    [
      'renderer dynamic import of electron main',
      'renderer/src/x.ts',
      "await import('../../electron/main/window.js');",
    ],
    ['preload importing node', 'electron/preload/x.ts', "import fs from 'node:fs';"],
    ['contract code importing the test runner', 'engine/src/contract/x.ts', "import { it } from 'vitest';"],
    ['a contract test importing node', 'engine/src/contract/x.test.ts', "import fs from 'node:fs';"],
  ])('fails on %s', (_label, file, text) => {
    const root = tree({ [file]: `${text}\n` });
    const violations = checkLayers(root);
    expect(violations).toHaveLength(1);
    expect(violations[0]!.file).toBe(file);
  });

  it('exits non-zero from the command line on a deliberate violation', () => {
    const root = tree({ 'engine/src/bad.ts': "import { BrowserWindow } from 'electron';\n" });
    let status = 0;
    let stderr = '';
    try {
      execFileSync(process.execPath, ['--import', 'tsx', path.resolve('scripts/check-layers.ts'), root], {
        stdio: 'pipe',
      });
    } catch (error) {
      status = (error as { status: number }).status;
      stderr = String((error as { stderr: Buffer }).stderr);
    }
    expect(status).toBe(1);
    expect(stderr).toContain('engine/src/bad.ts:1: imports "electron"');
  });

  it('passes on this repository', () => {
    expect(checkLayers(path.resolve('.'))).toEqual([]);
  });
});
