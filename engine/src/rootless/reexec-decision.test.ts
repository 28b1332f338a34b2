import { afterEach, describe, expect, it, vi } from 'vitest';
import { needsRootlessNamespace } from './reexec-decision.js';

afterEach(() => vi.restoreAllMocks());

describe('needsRootlessNamespace', () => {
  it('never for root', () => {
    vi.spyOn(process, 'getuid').mockReturnValue(0);
    expect(needsRootlessNamespace(['run', 'busybox'])).toBe(false);
  });

  it('for a user running store commands, past global flags with values', () => {
    vi.spyOn(process, 'getuid').mockReturnValue(1000);
    expect(needsRootlessNamespace(['run', 'busybox', 'sh', '-c', 'true'])).toBe(true);
    expect(needsRootlessNamespace(['--root', '/r', '--runroot=/rr', 'ps'])).toBe(true);
    expect(needsRootlessNamespace(['--log-level', 'debug', 'unshare'])).toBe(true);
  });

  it('not for version, help or a remote connection', () => {
    vi.spyOn(process, 'getuid').mockReturnValue(1000);
    expect(needsRootlessNamespace([])).toBe(false);
    expect(needsRootlessNamespace(['version'])).toBe(false);
    expect(needsRootlessNamespace(['--help'])).toBe(false);
    expect(needsRootlessNamespace(['--url', 'unix:///s', 'ps'])).toBe(false);
    expect(needsRootlessNamespace(['-c', 'vm', 'ps'])).toBe(false);
  });
});
