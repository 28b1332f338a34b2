import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConsoleWatch, SSHD_STARTED_LINE } from './console-watch.js';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('ConsoleWatch', () => {
  it('sees a line once QEMU has written it, reading the log as it grows', () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'console-watch-'));
    const log = path.join(dir, 'console.log');
    const watch = new ConsoleWatch(log);
    expect(watch.has(SSHD_STARTED_LINE)).toBe(false); // no log yet
    writeFileSync(log, 'SeaBIOS\r\nberth-init: 3.10 s: init started\r\n');
    expect(watch.has(SSHD_STARTED_LINE)).toBe(false);
    appendFileSync(log, 'berth-init: 4.52 s: sshd started\r\n');
    expect(watch.has(SSHD_STARTED_LINE)).toBe(true);
  });

  it('follows a log that QEMU truncated when it started again', () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'console-watch-'));
    const log = path.join(dir, 'console.log');
    writeFileSync(log, `${'x'.repeat(200)}\nberth-init: 4.52 s: sshd started\n`);
    const watch = new ConsoleWatch(log);
    expect(watch.has(SSHD_STARTED_LINE)).toBe(true);
    writeFileSync(log, 'berth-init: 0.90 s: init started\n');
    expect(watch.has(SSHD_STARTED_LINE)).toBe(false);
    appendFileSync(log, 'berth-init: 2.00 s: sshd started\n');
    expect(watch.has(SSHD_STARTED_LINE)).toBe(true);
  });
});
