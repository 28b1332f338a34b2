// The user's subordinate ID ranges (/etc/subuid, /etc/subgid: "name-or-uid:start:count" lines)
// and the mappings of Berth's rootless user namespace built from them, the same as podman's:
// container 0 = the user, container 1..count = the first subordinate range.
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { RootlessSetupError } from './rootless-errors.js';

export interface IdMapping {
  containerId: number;
  hostId: number;
  size: number;
}

export interface IdMappings {
  uidMap: IdMapping[];
  gidMap: IdMapping[];
}

export interface SubordinateRange {
  start: number;
  count: number;
}

/** The first range of `file` that belongs to the user (by name or by uid), if any. */
export function subordinateRange(
  file: string,
  user: { name: string; id: number },
  readText: (file: string) => string = (f) => readFileSync(f, 'utf8'),
): SubordinateRange | undefined {
  let text: string;
  try {
    text = readText(file);
  } catch {
    return undefined;
  }
  for (const line of text.split('\n')) {
    const [owner, start, count] = line.trim().split(':');
    if (owner !== user.name && owner !== String(user.id)) continue;
    const range = { start: Number(start), count: Number(count) };
    if (Number.isInteger(range.start) && Number.isInteger(range.count) && range.count > 0) return range;
  }
  return undefined;
}

/** The mappings for the host user `uid`/`gid`; throws with what to do when a range is missing. */
export function rootlessIdMappings(
  uid: number,
  gid: number,
  name: string = os.userInfo().username,
  readText?: (file: string) => string,
): IdMappings {
  const ranges = (['subuid', 'subgid'] as const).map((kind) => {
    const range = subordinateRange(`/etc/${kind}`, { name, id: kind === 'subuid' ? uid : gid }, readText);
    if (!range)
      throw new RootlessSetupError(
        `no subordinate ${kind === 'subuid' ? 'user' : 'group'} IDs for user ${name} (uid ${uid}) in /etc/${kind}: ` +
          `ask an administrator to add a range, e.g. \`usermod --add-subuids 100000-165535 --add-subgids 100000-165535 ${name}\``,
      );
    return range;
  });
  const map = (id: number, range: SubordinateRange): IdMapping[] => [
    { containerId: 0, hostId: id, size: 1 },
    { containerId: 1, hostId: range.start, size: range.count },
  ];
  return { uidMap: map(uid, ranges[0]!), gidMap: map(gid, ranges[1]!) };
}

/** The mappings of the namespace this process is in, from /proc (info inside the namespace). */
export function currentIdMappings(): IdMappings {
  const parse = (file: string): IdMapping[] =>
    readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((line) => line.trim().split(/\s+/).map(Number))
      .map(([containerId, hostId, size]) => ({ containerId: containerId!, hostId: hostId!, size: size! }));
  return { uidMap: parse('/proc/self/uid_map'), gidMap: parse('/proc/self/gid_map') };
}
