// Resolves a path inside a container's root filesystem as the container would see it: symlinks
// are followed, but an absolute target or a `..` is taken relative to the rootfs, never to the
// host. An image is untrusted input: `/etc/passwd -> /host/secret` or `../../..` must not make
// the engine read (or write) host files.
import { lstatSync, readlinkSync } from 'node:fs';
import path from 'node:path';

/** Linux gives up after 40 links (ELOOP); be as patient, no more. */
const MAX_SYMLINKS = 40;

export class RootfsPathError extends Error {
  readonly exitCode = 125;
}

/**
 * The host path of `containerPath` inside `rootfs`, with every symlink resolved within the
 * rootfs. Components that do not exist are appended as they are (the caller may create them).
 */
export function resolveInRootfs(rootfs: string, containerPath: string): string {
  const root = path.resolve(rootfs);
  const resolved: string[] = [];
  const pending = splitComponents(containerPath);
  let links = 0;
  while (pending.length > 0) {
    const part = pending.shift()!;
    if (part === '.') continue;
    if (part === '..') {
      resolved.pop(); // at the root, `..` stays at the root, as in the kernel
      continue;
    }
    const candidate = path.join(root, ...resolved, part);
    let isLink: boolean;
    try {
      isLink = lstatSync(candidate).isSymbolicLink();
    } catch {
      // Missing: nothing further down can be a link either.
      resolved.push(part, ...pending.filter((p) => p !== '.'));
      return normalizeUnder(root, resolved);
    }
    if (!isLink) {
      resolved.push(part);
      continue;
    }
    if (++links > MAX_SYMLINKS) {
      throw new RootfsPathError(`too many levels of symbolic links resolving ${containerPath} in ${rootfs}`);
    }
    const target = readlinkSync(candidate);
    if (target.startsWith('/')) resolved.length = 0;
    pending.unshift(...splitComponents(target));
  }
  return normalizeUnder(root, resolved);
}

function splitComponents(p: string): string[] {
  return p.split('/').filter((c) => c !== '');
}

/** Joins what remains, clamping any `..` left in a missing tail at the root. */
function normalizeUnder(root: string, parts: string[]): string {
  const clean: string[] = [];
  for (const part of parts) {
    if (part === '..') clean.pop();
    else if (part !== '.') clean.push(part);
  }
  return path.join(root, ...clean);
}
