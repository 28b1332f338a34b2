import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execProcessSpec } from './exec-process.js';
import type { OciProcess } from './oci-spec-types.js';

let rootfs: string;
beforeAll(() => {
  rootfs = mkdtempSync(path.join(os.tmpdir(), 'berth-exec-'));
  mkdirSync(path.join(rootfs, 'etc'));
  writeFileSync(
    path.join(rootfs, 'etc/passwd'),
    'root:x:0:0::/root:/bin/sh\ntester:x:1000:1000::/home/tester:/bin/sh\n',
  );
});
afterAll(() => rmSync(rootfs, { recursive: true, force: true }));

const base: OciProcess = {
  user: { uid: 0, gid: 0, umask: 0o022 },
  args: ['sleep', '100'],
  env: ['PATH=/bin', 'A=1'],
  cwd: '/srv',
  terminal: true,
  capabilities: { bounding: ['CAP_KILL'], effective: ['CAP_KILL'], permitted: ['CAP_KILL'] },
};

describe('execProcessSpec', () => {
  it('keeps the container process and replaces the command', () => {
    const p = execProcessSpec(base, rootfs, { args: ['ls'], env: ['A=2', 'B=3'] });
    expect(p).toMatchObject({ args: ['ls'], env: ['PATH=/bin', 'A=2', 'B=3'], cwd: '/srv', terminal: false });
    expect(p.capabilities).toEqual(base.capabilities);
  });
  it('resolves another user and workdir', () => {
    const p = execProcessSpec(base, rootfs, {
      args: ['id'],
      user: 'tester',
      workdir: '/tmp',
      terminal: true,
    });
    expect(p.user).toEqual({ uid: 1000, gid: 1000, umask: 0o022 });
    expect(p.cwd).toBe('/tmp');
    expect(p.terminal).toBe(true);
  });
  it('gives every capability with privileged', () => {
    expect(execProcessSpec(base, rootfs, { args: ['x'], privileged: true }).capabilities!.bounding).toContain(
      'CAP_SYS_ADMIN',
    );
  });
  it('refuses an empty command', () => {
    expect(() => execProcessSpec(base, rootfs, { args: [] })).toThrow(/exec needs a command/);
  });
});
