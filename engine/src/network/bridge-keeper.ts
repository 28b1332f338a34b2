// The default network's bridge stays up between containers, as Docker's docker0 does. netavark
// deletes a bridge, and its firewall chains, when the last container leaves it; the next `run`
// then pays to create both again: about 150 ms of iptables calls on each side of every
// `run --rm` on an idle host. A keeper port on the bridge (one end of a veth pair whose other end
// stays down, so it never carries traffic) makes netavark see the bridge as still in use.
// Only the default network gets one: it can never be removed, while a user network's bridge
// must go (with its chains) when the network goes.
import { existsSync } from 'node:fs';
import { log } from '../util/logger.js';
import { runQuiet } from '../util/run-quiet.js';
import { DEFAULT_BRIDGE } from './network-default.js';

const SBIN_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** Interface names are at most 15 bytes: `berth0` + `k` / `kp`. */
export function keeperNames(bridge: string): { port: string; peer: string } {
  return { port: `${bridge}k`, peer: `${bridge}kp` };
}

/**
 * Attaches the keeper to `bridge` if it is the default bridge and has none. Called after a
 * netavark setup, under the netavark lock, so the bridge exists. Best effort: without a keeper
 * everything still works, only slower.
 */
export async function keepBridgeUp(bridge: string): Promise<void> {
  if (bridge !== DEFAULT_BRIDGE) return;
  const { port, peer } = keeperNames(bridge);
  // A stat of sysfs: microseconds, so every setup can afford the check.
  if (existsSync(`/sys/class/net/${bridge}/brif/${port}`)) return;
  // A keeper left from a bridge someone deleted by hand is detached: replace it.
  if (existsSync(`/sys/class/net/${port}`)) await ip(['link', 'del', port]).catch(() => undefined);
  await ip(['link', 'add', 'name', port, 'up', 'master', bridge, 'type', 'veth', 'peer', 'name', peer]).catch(
    (error: Error) => {
      // Another store's setup may have added it at the same moment: that is fine.
      if (!existsSync(`/sys/class/net/${bridge}/brif/${port}`))
        log.debug(`could not keep bridge ${bridge} up between containers: ${error.message}`);
    },
  );
}

function ip(args: string[]): Promise<void> {
  return runQuiet('ip', args, {
    env: { ...process.env, PATH: `${process.env.PATH ?? ''}:${SBIN_PATH}` },
  }).catch((error: Error) => {
    throw new Error(`ip ${args.join(' ')}: ${error.message}`);
  });
}
