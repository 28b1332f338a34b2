// The host facts rootless mode depends on, described rather than created: a host without
// uidmap, with a newuidmap that lost its setuid bit, without a subordinate range, without a
// usable /dev/net/tun or /dev/fuse. Each gives one message naming the fix.
import { describe, expect, it } from 'vitest';
import { checkTunDevice } from '../network/pasta-network.js';
import { checkFuseDevice } from '../storage/fuse-overlayfs.js';
import { requireRootlessTools, type RootlessHost } from './host-requirements.js';
import { rootlessIdMappings } from './id-mappings.js';

const installed: Record<string, string> = {
  newuidmap: '/usr/bin/newuidmap',
  newgidmap: '/usr/bin/newgidmap',
  unshare: '/usr/bin/unshare',
  catatonit: '/usr/bin/catatonit',
};

function host(over: Partial<RootlessHost> = {}): RootlessHost {
  return {
    findExecutable: (name) => installed[name],
    stat: () => ({ uid: 0, mode: 0o104755 }),
    readText: () => '',
    ...over,
  };
}

const errno = (code: string) => Object.assign(new Error(code), { code });

describe('rootless host requirements', () => {
  it('finds the tools on a complete host', () => {
    expect(requireRootlessTools(host())).toEqual({
      newuidmap: '/usr/bin/newuidmap',
      newgidmap: '/usr/bin/newgidmap',
      unshare: '/usr/bin/unshare',
      catatonit: '/usr/bin/catatonit',
    });
  });

  it('names the package when newuidmap or catatonit is missing', () => {
    const without = (missing: string) =>
      host({ findExecutable: (name) => (name === missing ? undefined : installed[name]) });
    expect(() => requireRootlessTools(without('newuidmap'))).toThrow(
      'newuidmap was not found: rootless Berth needs it to map subordinate user IDs: install uidmap (apt-get install uidmap)',
    );
    expect(() => requireRootlessTools(without('catatonit'))).toThrow(/apt-get install catatonit/);
  });

  it('says how to restore the setuid bit of newuidmap', () => {
    expect(() => requireRootlessTools(host({ stat: () => ({ uid: 0, mode: 0o100755 }) }))).toThrow(
      /\/usr\/bin\/newuidmap is not setuid root.*chmod u\+s \/usr\/bin\/newuidmap/,
    );
  });

  it('says how to add a subordinate range for a user without one', () => {
    const subuid = 'alice:100000:65536\n';
    expect(() => rootlessIdMappings(1002, 1002, 'bob', () => subuid)).toThrow(
      'no subordinate user IDs for user bob (uid 1002) in /etc/subuid: ask an administrator to add a range, e.g. `usermod --add-subuids 100000-165535 --add-subgids 100000-165535 bob`',
    );
    expect(rootlessIdMappings(1001, 1001, 'alice', () => subuid).uidMap[1]).toEqual({
      containerId: 1,
      hostId: 100000,
      size: 65536,
    });
  });

  it('says how to make /dev/net/tun usable for pasta and slirp4netns', () => {
    const tun = (code: string, mode?: number) => ({
      access: () => {
        throw errno(code);
      },
      mode: () => mode,
    });
    expect(() => checkTunDevice('pasta', tun('EACCES', 0o600), 1001)).toThrow(
      '/dev/net/tun is not accessible to uid 1001 (mode 0600): rootless networking (pasta) needs to read and write it: ask an administrator to run `chmod 0666 /dev/net/tun` (the Debian default), or run with --network none',
    );
    expect(() => checkTunDevice('slirp4netns', tun('ENOENT'), 1001)).toThrow(
      /does not exist: rootless networking \(slirp4netns\) needs it: load the tun module \(modprobe tun\)/,
    );
    expect(() => checkTunDevice('pasta', { access: () => undefined, mode: () => 0o666 }, 1001)).not.toThrow();
  });

  it('says how to make /dev/fuse usable when fuse-overlayfs is needed', () => {
    const fuse = (code: string) => ({
      access: () => {
        throw errno(code);
      },
      mode: () => 0o600,
    });
    expect(() => checkFuseDevice(fuse('ENOENT'))).toThrow(
      /\/dev\/fuse does not exist: fuse-overlayfs needs it: load the fuse module \(modprobe fuse\)/,
    );
    expect(() => checkFuseDevice(fuse('EACCES'))).toThrow(/chmod 0666 \/dev\/fuse/);
  });
});
