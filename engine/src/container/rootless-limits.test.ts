import { describe, expect, it } from 'vitest';
import { CGROUPS_V1_WARNING, requestedLimitFlags, rootlessLimitsWarning } from './rootless-limits.js';

const none = { memory: 0, cpus: 0, pidsLimit: undefined };

describe('rootlessLimitsWarning', () => {
  it('says nothing when no limit is asked for', () => {
    expect(rootlessLimitsWarning(none, false)).toBeUndefined();
    expect(rootlessLimitsWarning({ ...none, pidsLimit: 0 }, false)).toBeUndefined();
  });

  it("warns with podman's words on cgroups v1 for --memory, --cpus or --pids-limit", () => {
    expect(rootlessLimitsWarning({ ...none, memory: 64 * 1024 * 1024 }, false)).toBe(CGROUPS_V1_WARNING);
    expect(rootlessLimitsWarning({ ...none, cpus: 0.5 }, false)).toBe(CGROUPS_V1_WARNING);
    expect(rootlessLimitsWarning({ ...none, pidsLimit: 10 }, false)).toBe(CGROUPS_V1_WARNING);
  });

  it('names the ignored flags on cgroups v2', () => {
    expect(requestedLimitFlags({ memory: 1, cpus: 1, pidsLimit: 5 })).toEqual([
      '--memory',
      '--cpus',
      '--pids-limit',
    ]);
    expect(rootlessLimitsWarning({ ...none, memory: 1 }, true)).toMatch(/\(--memory\) are ignored/);
  });
});
