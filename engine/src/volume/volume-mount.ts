// Volumes with driver options (`-o type=tmpfs -o device=tmpfs -o o=size=64m`, an NFS export...)
// are mounts made on the volume's _data directory while at least one container uses them, and
// undone when the last one stops, counted in MountCount as podman does. The mount is made with
// mount(8), like podman, because its option parsing is what users write `o=` for.
import { findMount } from '../storage/mountinfo.js';
import type { StateDatabase } from '../state/state-database.js';
import { runQuiet } from '../util/run-quiet.js';
import { VolumeError } from './volume-errors.js';
import { volumeNeedsMount } from './volume-options.js';
import { updateVolumeState, type VolumeRecord } from './volume-records.js';

function mountArguments(volume: VolumeRecord): string[] {
  const type = volume.options.type ?? '';
  // Some file systems (tmpfs) have no device; the kernel still wants a source name.
  const device = volume.options.device || type;
  const args: string[] = [];
  if (volume.options.o) args.push('-o', volume.options.o);
  if (type === 'bind') args.push('-o', 'bind');
  else if (type !== '') args.push('-t', type);
  args.push(device, volume.mountpoint);
  return args;
}

async function runTool(tool: string, args: string[], what: string): Promise<void> {
  try {
    await runQuiet(tool, args, { timeoutMs: 60_000 });
  } catch (error) {
    throw new VolumeError(`${what}: ${(error as Error).message}`, { cause: error });
  }
}

/** Mounts the volume if it needs a mount and is not mounted; counts the user. Call under its lock. */
export async function mountVolume(db: StateDatabase, volume: VolumeRecord): Promise<number> {
  if (!volumeNeedsMount(volume.driver, volume.options)) return volume.mountCount;
  // The count lives in the database but mounts do not survive a reboot: trust the kernel.
  const mounted = findMount(volume.mountpoint) !== undefined;
  let count = mounted ? volume.mountCount : 0;
  if (!mounted) {
    const args = mountArguments(volume);
    await runTool(
      'mount',
      args,
      `mounting volume ${volume.name} (mount ${args.join(' ')}) failed: check its --opt type/device/o`,
    );
  }
  count++;
  updateVolumeState(db, volume.name, { mountCount: count });
  return count;
}

/** One user fewer; unmounts when it was the last (or with `force`). Call under its lock. */
export async function unmountVolume(db: StateDatabase, volume: VolumeRecord, force = false): Promise<number> {
  if (!volumeNeedsMount(volume.driver, volume.options)) return volume.mountCount;
  const count = force ? 0 : Math.max(0, volume.mountCount - 1);
  if (count === 0 && findMount(volume.mountpoint) !== undefined)
    // Lazy, like podman's MNT_DETACH: a process still inside cannot keep the volume busy.
    await runTool(
      'umount',
      ['-l', volume.mountpoint],
      `unmounting volume ${volume.name} from ${volume.mountpoint}`,
    );
  updateVolumeState(db, volume.name, { mountCount: count });
  return count;
}
