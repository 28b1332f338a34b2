// Whether this process runs inside Berth's rootless user namespace, and as which host user.
//
// Rootless Berth works as podman does: the CLI re-executes itself inside a user + mount namespace
// where the user is root (uid 0 maps to the user, 1..N to the /etc/subuid range). Inside it,
// process.getuid() is 0, so "am I root?" can no longer tell rootful from rootless: the re-exec
// passes the host uid/gid in these variables, and they count only when this process really is in
// a user namespace whose uid 0 is not the host's root (a root shell that sets them by hand is still
// rootful).
import { readFileSync } from 'node:fs';

export const ROOTLESS_UID_ENV = '_BERTH_ROOTLESS_UID';
export const ROOTLESS_GID_ENV = '_BERTH_ROOTLESS_GID';

let cached: boolean | undefined;

/** True inside the rootless namespace (set up by rootless-reexec.ts). */
export function inRootlessNamespace(): boolean {
  if (cached !== undefined) return cached;
  cached = false;
  const uid = Number(process.env[ROOTLESS_UID_ENV]);
  if (!process.env[ROOTLESS_UID_ENV] || !Number.isInteger(uid) || uid <= 0) return cached;
  try {
    // The initial namespace maps all of 0..2^32-1 onto itself; ours maps 0 to the user.
    const first = readFileSync('/proc/self/uid_map', 'utf8').trim().split(/\s+/);
    cached = first[0] === '0' && Number(first[1]) === uid;
  } catch {
    cached = false;
  }
  return cached;
}

/** The user's uid on the host: the real one outside the namespace, the passed one inside. */
export function hostUid(): number {
  return inRootlessNamespace() ? Number(process.env[ROOTLESS_UID_ENV]) : process.getuid!();
}

export function hostGid(): number {
  return inRootlessNamespace() ? Number(process.env[ROOTLESS_GID_ENV]) : process.getgid!();
}
