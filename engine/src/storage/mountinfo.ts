// Reads /proc/self/mountinfo: the kernel's own list of mounts, the only reliable way to tell
// whether something is mounted (and the test for leaked mounts).
import { readFileSync } from 'node:fs';

export interface MountInfo {
  mountPoint: string;
  fsType: string;
  source: string;
  /** Per-mount options (rw, nosuid...). */
  options: string;
  /** File-system options (lowerdir=..., upperdir=...). */
  superOptions: string;
}

/** mountinfo escapes space, tab, newline and backslash as \ooo octal. */
function unescapeOctal(field: string): string {
  return field.replace(/\\([0-7]{3})/g, (_, oct: string) => String.fromCharCode(parseInt(oct, 8)));
}

export function parseMountInfo(text: string): MountInfo[] {
  const mounts: MountInfo[] = [];
  for (const line of text.split('\n')) {
    const sep = line.indexOf(' - ');
    if (sep < 0) continue;
    const before = line.slice(0, sep).split(' ');
    const after = line.slice(sep + 3).split(' ');
    mounts.push({
      mountPoint: unescapeOctal(before[4] ?? ''),
      options: before[5] ?? '',
      fsType: after[0] ?? '',
      source: unescapeOctal(after[1] ?? ''),
      superOptions: after[2] ?? '',
    });
  }
  return mounts;
}

export function readMountInfo(): MountInfo[] {
  return parseMountInfo(readFileSync('/proc/self/mountinfo', 'utf8'));
}

/** The mount at exactly `mountPoint` (the last one, if stacked), or undefined. */
export function findMount(mountPoint: string, mounts: MountInfo[] = readMountInfo()): MountInfo | undefined {
  let found: MountInfo | undefined;
  for (const m of mounts) if (m.mountPoint === mountPoint) found = m;
  return found;
}
