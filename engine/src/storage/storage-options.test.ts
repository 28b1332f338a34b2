import { describe, expect, it } from 'vitest';
import { parseStorageOptions } from './storage-options.js';

describe('parseStorageOptions', () => {
  it('takes overlay.mount_program (also spelled overlay2.)', () => {
    expect(parseStorageOptions([])).toEqual({});
    expect(parseStorageOptions(['overlay.mount_program=/usr/bin/fuse-overlayfs'])).toEqual({
      mountProgram: '/usr/bin/fuse-overlayfs',
    });
    expect(parseStorageOptions(['overlay2.mount_program=/opt/fo'])).toEqual({ mountProgram: '/opt/fo' });
  });

  it('refuses options it would ignore, and relative programs', () => {
    expect(() => parseStorageOptions(['overlay.mountopt=nodev'])).toThrow(
      'unsupported --storage-opt "overlay.mountopt=nodev": Berth supports overlay.mount_program=VALUE',
    );
    expect(() => parseStorageOptions(['overlay.mount_program=fuse-overlayfs'])).toThrow(/absolute path/);
  });
});
