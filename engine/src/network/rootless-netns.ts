// Rootless user networks, as podman's "rootless netns": a user cannot make bridges or firewall
// rules on the host, so one network namespace per store stands in for the host. pasta (or
// slirp4netns, per containers.conf) gives it outside connectivity; netavark runs inside it
// (nsenter --net) and makes the bridges, veths, firewall rules and aardvark-dns there exactly as
// it does on the host when rootful. Containers on user networks then reach each other by name,
// and published ports come in from the host through the rootless port forwarder.
//
// It is made on the first netavark setup and removed after the last container leaves, both under
// the store's netavark lock, so a setup never meets a half-removed namespace.
import path from 'node:path';
import type { StorePaths } from '../config/store-paths.js';
import { defaultRootlessNetworkCmd } from '../config/containers-conf.js';
import type { Store } from '../state/store.js';
import { log } from '../util/logger.js';
import { createNetns, isMountPoint, removeNetns } from './netns.js';
import { netnsDir } from './network-paths.js';
import { listSandboxes, type SandboxRecord } from './network-records.js';
import { scanProcesses } from './helper-processes.js';
import { pastaRunning, startPasta, stopPasta } from './pasta-network.js';
import { slirp4netnsRunning, startSlirp4netns, stopSlirp4netns } from './slirp4netns-network.js';

export function rootlessNetnsPath(paths: Pick<StorePaths, 'runRoot'>): string {
  return path.join(netnsDir(paths), 'rootless-netns');
}

/** A sandbox wired by netavark (user networks) rather than by its own pasta or slirp4netns. */
export function usesNetavark(sandbox: Pick<SandboxRecord, 'setupInput'>): boolean {
  return Object.keys(sandbox.setupInput.networks).length > 0;
}

function connected(netns: string): boolean {
  return pastaRunning(netns) || slirp4netnsRunning(netns);
}

/** The rootless netns, made and connected when missing. Call under the netavark lock. */
export async function ensureRootlessNetns(store: Store): Promise<string> {
  const netns = rootlessNetnsPath(store.paths);
  if (isMountPoint(netns) && connected(netns)) return netns;
  // A namespace whose helper died (killed, or a crash) has no way out: start over.
  if (isMountPoint(netns)) {
    log.warn(`the rootless network namespace ${netns} lost its connectivity helper: recreating it`);
    await removeNetns(netns);
  }
  await createNetns(netns);
  try {
    if (defaultRootlessNetworkCmd() === 'slirp4netns') await startSlirp4netns(netns, `${netns}.log`);
    else await startPasta(netns, []);
  } catch (error) {
    await removeNetns(netns).catch(() => undefined);
    throw error;
  }
  return netns;
}

/** Whether the rootless netns exists (teardown has nothing to do in it otherwise). */
export function rootlessNetnsExists(paths: Pick<StorePaths, 'runRoot'>): boolean {
  return isMountPoint(rootlessNetnsPath(paths));
}

/**
 * Removes the rootless netns once no sandbox of the store uses netavark any more (its helper
 * stopped first, or the namespace file stays busy). Call under the netavark lock.
 */
export async function releaseRootlessNetnsIfUnused(store: Store): Promise<void> {
  const netns = rootlessNetnsPath(store.paths);
  if (!isMountPoint(netns)) return;
  if (listSandboxes(store.db).some(usesNetavark)) return;
  const processes = scanProcesses();
  await stopPasta(netns, processes);
  await stopSlirp4netns(netns, processes);
  await removeNetns(netns);
  log.debug(`removed the rootless network namespace ${netns}: no container uses it`);
}
