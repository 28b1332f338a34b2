// Linux capabilities of a container: podman's default set, changed by --cap-add/--cap-drop, or
// everything for --privileged.
import { readFileSync } from 'node:fs';
import type { OciCapabilities } from './oci-spec-types.js';

/** Every capability by number (linux/capability.h); the index is the capability's number. */
export const ALL_CAPABILITIES = [
  'CAP_CHOWN',
  'CAP_DAC_OVERRIDE',
  'CAP_DAC_READ_SEARCH',
  'CAP_FOWNER',
  'CAP_FSETID',
  'CAP_KILL',
  'CAP_SETGID',
  'CAP_SETUID',
  'CAP_SETPCAP',
  'CAP_LINUX_IMMUTABLE',
  'CAP_NET_BIND_SERVICE',
  'CAP_NET_BROADCAST',
  'CAP_NET_ADMIN',
  'CAP_NET_RAW',
  'CAP_IPC_LOCK',
  'CAP_IPC_OWNER',
  'CAP_SYS_MODULE',
  'CAP_SYS_RAWIO',
  'CAP_SYS_CHROOT',
  'CAP_SYS_PTRACE',
  'CAP_SYS_PACCT',
  'CAP_SYS_ADMIN',
  'CAP_SYS_BOOT',
  'CAP_SYS_NICE',
  'CAP_SYS_RESOURCE',
  'CAP_SYS_TIME',
  'CAP_SYS_TTY_CONFIG',
  'CAP_MKNOD',
  'CAP_LEASE',
  'CAP_AUDIT_WRITE',
  'CAP_AUDIT_CONTROL',
  'CAP_SETFCAP',
  'CAP_MAC_OVERRIDE',
  'CAP_MAC_ADMIN',
  'CAP_SYSLOG',
  'CAP_WAKE_ALARM',
  'CAP_BLOCK_SUSPEND',
  'CAP_AUDIT_READ',
  'CAP_PERFMON',
  'CAP_BPF',
  'CAP_CHECKPOINT_RESTORE',
] as const;

/** podman 4's default_capabilities (containers.conf): no NET_RAW, MKNOD or AUDIT_WRITE. */
export const DEFAULT_CAPABILITIES = [
  'CAP_CHOWN',
  'CAP_DAC_OVERRIDE',
  'CAP_FOWNER',
  'CAP_FSETID',
  'CAP_KILL',
  'CAP_NET_BIND_SERVICE',
  'CAP_SETFCAP',
  'CAP_SETGID',
  'CAP_SETPCAP',
  'CAP_SETUID',
  'CAP_SYS_CHROOT',
];

export class CapabilityError extends Error {
  readonly exitCode = 125;
}

/**
 * Capabilities a container can get here: those this kernel knows (runc refuses names above
 * /proc/sys/kernel/cap_last_cap) and that Berth's own bounding set still holds (inside another
 * container, or under a restricted service, some are gone and runc would fail to apply them).
 */
export function hostCapabilities(): string[] {
  let last = ALL_CAPABILITIES.length - 1;
  try {
    last = Math.min(last, Number(readFileSync('/proc/sys/kernel/cap_last_cap', 'utf8').trim()));
  } catch {
    // not Linux or no /proc: assume the full list
  }
  const bounding = ownBoundingSet();
  return ALL_CAPABILITIES.slice(0, last + 1).filter(
    (_, bit) => bounding === undefined || (bounding >> BigInt(bit)) & 1n,
  );
}

/** CapBnd of this process as a bit mask, or undefined when it cannot be read. */
function ownBoundingSet(): bigint | undefined {
  try {
    const line = readFileSync('/proc/self/status', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('CapBnd:'));
    return line ? BigInt(`0x${line.slice('CapBnd:'.length).trim()}`) : undefined;
  } catch {
    return undefined;
  }
}

/** `net_admin`, `NET_ADMIN` and `CAP_NET_ADMIN` all name CAP_NET_ADMIN; `all` stays ALL. */
export function normalizeCapability(name: string): string {
  const upper = name.trim().toUpperCase();
  if (upper === 'ALL') return 'ALL';
  const full = upper.startsWith('CAP_') ? upper : `CAP_${upper}`;
  if (!(ALL_CAPABILITIES as readonly string[]).includes(full)) {
    throw new CapabilityError(`unknown capability "${name}": see capabilities(7) for the names`);
  }
  return full;
}

export interface CapabilityRequest {
  capAdd?: readonly string[];
  capDrop?: readonly string[];
  privileged?: boolean;
  /** The process's uid: podman leaves non-root processes only the capabilities added explicitly. */
  uid?: number;
}

/** The bounding set after podman's rules: ALL in cap-drop empties first; ALL in cap-add fills. */
export function capabilitySet(request: CapabilityRequest): string[] {
  const host = hostCapabilities();
  if (request.privileged) return host;
  const add = (request.capAdd ?? []).map(normalizeCapability);
  const drop = (request.capDrop ?? []).map(normalizeCapability);
  let caps = new Set<string>(drop.includes('ALL') ? [] : DEFAULT_CAPABILITIES);
  if (add.includes('ALL')) caps = new Set(host);
  for (const c of add) if (c !== 'ALL') caps.add(c);
  if (!add.includes('ALL')) for (const c of drop) caps.delete(c);
  else for (const c of drop) if (c !== 'ALL') caps.delete(c);
  return host.filter((c) => caps.has(c));
}

export function ociCapabilities(request: CapabilityRequest): OciCapabilities {
  const bounding = capabilitySet(request);
  const uid = request.uid ?? 0;
  // A non-root user gets capabilities only when asked for by name (podman 4): the bounding set
  // still caps what setuid binaries could gain.
  const granted =
    uid === 0 || request.privileged
      ? bounding
      : bounding.filter((c) =>
          (request.capAdd ?? []).map(normalizeCapability).some((a) => a === c || a === 'ALL'),
        );
  return { bounding, effective: granted, permitted: granted };
}
