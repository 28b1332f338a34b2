import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { claimCleanup, cleanupOwnerFile, containerExitCommand, ownsCleanup } from './exit-command.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'berth-exit-command-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the exit command's owner check as conmon would, with `touch MARKER` as the clean-up. */
function runExitCommand(): boolean {
  const command = containerExitCommand({ graphRoot: dir, runRoot: dir }, 'c1', dir);
  const check = command.slice(0, command.indexOf(process.execPath));
  const marker = path.join(dir, 'cleanup-ran');
  const result = spawnSync(check[0]!, [...check.slice(1), 'touch', marker]);
  expect(result.status).toBe(0);
  return existsSync(marker);
}

describe('the exit command', () => {
  it('ends at once while the process that owns the clean-up lives', () => {
    claimCleanup(dir);
    expect(ownsCleanup(dir)).toBe(true);
    expect(runExitCommand()).toBe(false);
  });

  it('cleans up when the owner is gone, or there is none', () => {
    expect(runExitCommand()).toBe(true);
    rmSync(path.join(dir, 'cleanup-ran'));
    // A PID no process has (above the kernel's pid_max).
    writeFileSync(cleanupOwnerFile(dir), '4194305');
    expect(runExitCommand()).toBe(true);
    rmSync(path.join(dir, 'cleanup-ran'));
    writeFileSync(cleanupOwnerFile(dir), '');
    expect(runExitCommand()).toBe(true);
  });
});
