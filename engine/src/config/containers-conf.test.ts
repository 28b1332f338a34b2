import { describe, expect, it } from 'vitest';
import { containersConfFiles, defaultRootlessNetworkCmd } from './containers-conf.js';

const files = (texts: Record<string, string>) => ({
  list: Object.keys(texts),
  read: (file: string) => {
    if (!(file in texts)) throw new Error('ENOENT');
    return texts[file]!;
  },
});

describe('defaultRootlessNetworkCmd', () => {
  it('is pasta unless a file says otherwise, and a later file wins', () => {
    const none = files({
      '/usr/share/containers/containers.conf': '[network]\n# default_rootless_network_cmd = "slirp4netns"\n',
    });
    expect(defaultRootlessNetworkCmd(none.list, none.read)).toBe('pasta');
    const layered = files({
      '/etc/containers/containers.conf': '[network]\ndefault_rootless_network_cmd = "slirp4netns"\n',
      '/home/u/.config/containers/containers.conf': '[engine]\nevents_logger = "file"\n',
    });
    expect(defaultRootlessNetworkCmd([...layered.list, '/missing'], layered.read)).toBe('slirp4netns');
  });

  it('refuses values and files it cannot use, naming the file', () => {
    const bad = files({ '/c.conf': '[network]\ndefault_rootless_network_cmd = "vpnkit"\n' });
    expect(() => defaultRootlessNetworkCmd(bad.list, bad.read)).toThrow(
      '/c.conf: default_rootless_network_cmd = "vpnkit" is not supported: use "pasta" or "slirp4netns"',
    );
    const broken = files({ '/b.conf': '[network\n' });
    expect(() => defaultRootlessNetworkCmd(broken.list, broken.read)).toThrow(
      /^parsing \/b\.conf: .*fix the file/,
    );
  });

  it("reads podman's files in podman's order, $CONTAINERS_CONF alone when set", () => {
    expect(containersConfFiles({ CONTAINERS_CONF: '/x.conf' })).toEqual(['/x.conf']);
    const list = containersConfFiles({ HOME: '/home/u' });
    expect(list[0]).toBe('/usr/share/containers/containers.conf');
    expect(list).toContain('/etc/containers/containers.conf');
    expect(list.at(-1)).toBe('/home/u/.config/containers/containers.conf');
  });

  it('parses the containers.conf this host ships', () => {
    expect(['pasta', 'slirp4netns']).toContain(
      defaultRootlessNetworkCmd(['/usr/share/containers/containers.conf']),
    );
  });
});
