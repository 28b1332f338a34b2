import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { firmwareArgs, kernelCommandLine } from './qemu-command.js';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('firmwareArgs', () => {
  it('boots with qboot when it is installed beside QEMU, the binary reached through a symlink', () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'qemu-firmware-'));
    mkdirSync(path.join(dir, 'cellar', 'bin'), { recursive: true });
    mkdirSync(path.join(dir, 'cellar', 'share', 'qemu'), { recursive: true });
    mkdirSync(path.join(dir, 'bin'));
    writeFileSync(path.join(dir, 'cellar', 'bin', 'qemu-system-x86_64'), '');
    writeFileSync(path.join(dir, 'cellar', 'share', 'qemu', 'qboot.rom'), '');
    symlinkSync(
      path.join(dir, 'cellar', 'bin', 'qemu-system-x86_64'),
      path.join(dir, 'bin', 'qemu-system-x86_64'),
    );
    expect(firmwareArgs(path.join(dir, 'bin', 'qemu-system-x86_64'))).toEqual([
      '-bios',
      path.join(dir, 'cellar', 'share', 'qemu', 'qboot.rom'),
    ]);
  });

  it("leaves QEMU's default firmware when there is no qboot", () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'qemu-firmware-'));
    mkdirSync(path.join(dir, 'bin'));
    writeFileSync(path.join(dir, 'bin', 'qemu-system-x86_64'), '');
    expect(firmwareArgs(path.join(dir, 'bin', 'qemu-system-x86_64'))).toEqual([]);
  });
});

describe('kernelCommandLine', () => {
  it('turns the speculative-execution mitigations off under TCG only', () => {
    expect(kernelCommandLine('root=/dev/vda quiet', ['-accel', 'tcg', '-cpu', 'max'])).toBe(
      'root=/dev/vda quiet mitigations=off',
    );
    expect(kernelCommandLine('root=/dev/vda quiet', ['-accel', 'kvm', '-cpu', 'host'])).toBe(
      'root=/dev/vda quiet',
    );
  });
});
