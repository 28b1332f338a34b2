// Turns `--user` (name, uid, name:group, uid:gid...) into numeric ids by reading the container's
// own /etc/passwd and /etc/group, as podman does: names mean what the image says they mean.
import { readFileSync } from 'node:fs';
import { resolveInRootfs } from './rootfs-path.js';

export interface ResolvedUser {
  uid: number;
  gid: number;
  /** Groups from /etc/group that list the user as a member, plus --group-add. */
  additionalGids: number[];
  /** The passwd home directory; "/" when the user has no passwd entry (podman). */
  home: string;
}

export class UserResolveError extends Error {
  readonly exitCode = 125;
}

interface PasswdEntry {
  name: string;
  uid: number;
  gid: number;
  home: string;
}

interface GroupEntry {
  name: string;
  gid: number;
  members: string[];
}

const NUMERIC = /^\d+$/;

function readRootfsFile(rootfs: string, file: string): string | undefined {
  try {
    return readFileSync(resolveInRootfs(rootfs, file), 'utf8');
  } catch {
    return undefined; // images without /etc/passwd (scratch) are normal: numeric ids still work
  }
}

export function parsePasswd(text: string): PasswdEntry[] {
  const entries: PasswdEntry[] = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const f = line.split(':');
    if (f.length < 4 || !NUMERIC.test(f[2]!) || !NUMERIC.test(f[3]!)) continue;
    entries.push({ name: f[0]!, uid: Number(f[2]), gid: Number(f[3]), home: f[5] || '/' });
  }
  return entries;
}

export function parseGroup(text: string): GroupEntry[] {
  const entries: GroupEntry[] = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const f = line.split(':');
    if (f.length < 3 || !NUMERIC.test(f[2]!)) continue;
    entries.push({ name: f[0]!, gid: Number(f[2]), members: (f[3] ?? '').split(',').filter(Boolean) });
  }
  return entries;
}

/**
 * Resolves `user` ("" means root) inside `rootfs`. A numeric uid missing from /etc/passwd is
 * allowed (gid 0, home "/"); a name that is missing is an error, as in podman.
 */
export function resolveUser(
  rootfs: string,
  user: string | undefined,
  groupAdd: readonly string[] = [],
): ResolvedUser {
  const spec = user ?? '';
  const colon = spec.indexOf(':');
  const userPart = colon < 0 ? spec : spec.slice(0, colon);
  const groupPart = colon < 0 ? undefined : spec.slice(colon + 1);

  const passwdText = readRootfsFile(rootfs, '/etc/passwd');
  const passwd = passwdText === undefined ? [] : parsePasswd(passwdText);
  let groups: GroupEntry[] | undefined;
  const groupList = () => (groups ??= parseGroup(readRootfsFile(rootfs, '/etc/group') ?? ''));

  let entry: PasswdEntry | undefined;
  let uid: number;
  if (userPart === '') {
    uid = 0;
    entry = passwd.find((p) => p.uid === 0);
  } else if (NUMERIC.test(userPart)) {
    uid = Number(userPart);
    entry = passwd.find((p) => p.uid === uid);
  } else {
    entry = passwd.find((p) => p.name === userPart);
    if (!entry) {
      throw new UserResolveError(
        `unable to find user ${userPart}: no matching entries in passwd file of the container; use a numeric uid or add the user to the image`,
      );
    }
    uid = entry.uid;
  }

  let gid = entry?.gid ?? 0;
  if (groupPart !== undefined && groupPart !== '') gid = lookupGroup(groupPart, groupList);

  const additional = new Set<number>();
  if (entry && groupPart === undefined) {
    // Supplementary groups come with a named user only when no explicit group overrides them.
    for (const g of groupList()) if (g.members.includes(entry.name) && g.gid !== gid) additional.add(g.gid);
  }
  for (const g of groupAdd) additional.add(lookupGroup(g, groupList));

  return { uid, gid, additionalGids: [...additional], home: entry?.home ?? '/' };
}

function lookupGroup(group: string, groups: () => GroupEntry[]): number {
  if (NUMERIC.test(group)) return Number(group);
  const found = groups().find((g) => g.name === group);
  if (!found) {
    throw new UserResolveError(
      `unable to find group ${group}: no matching entries in group file of the container; use a numeric gid or add the group to the image`,
    );
  }
  return found.gid;
}
