// Berth's default seccomp filter: allow by default and refuse (EPERM) the system calls a
// container has no business making: kernel modules, kexec, clock setting, keyrings, mount and
// namespace games, raw I/O ports, tracing other processes' memory. Groups of calls come back
// when the matching capability is granted (--cap-add SYS_ADMIN lets mount(2) through), because
// the capability check in the kernel is then the intended guard. A deny-list is simpler to audit
// than podman's allow-list of ~450 names and fails open only for calls added to future kernels.
import os from 'node:os';
import type { OciSeccomp, OciSeccompRule } from './oci-spec-types.js';

const EPERM = 1;

/** Refused whatever the capabilities: nothing in a container should need these. */
const ALWAYS_DENIED = [
  'acct',
  'add_key',
  'bdflush',
  'create_module',
  'get_kernel_syms',
  'keyctl',
  'kexec_file_load',
  'kexec_load',
  'lookup_dcookie',
  'nfsservctl',
  'open_by_handle_at',
  'query_module',
  'request_key',
  'swapoff',
  'swapon',
  '_sysctl',
  'sysfs',
  'uselib',
  'userfaultfd',
  'ustat',
  'vm86',
  'vm86old',
];

/** Allowed only when the container holds the capability (as docker's and podman's profiles do). */
const DENIED_WITHOUT: Record<string, string[]> = {
  CAP_SYS_ADMIN: [
    'bpf',
    'clone3',
    'fanotify_init',
    'fsconfig',
    'fsmount',
    'fsopen',
    'fspick',
    'mount',
    'mount_setattr',
    'move_mount',
    'name_to_handle_at',
    'open_tree',
    'perf_event_open',
    'pivot_root',
    'quotactl',
    'setdomainname',
    'sethostname',
    'setns',
    'umount',
    'umount2',
    'unshare',
  ],
  CAP_SYS_MODULE: ['delete_module', 'finit_module', 'init_module'],
  CAP_SYS_BOOT: ['reboot'],
  CAP_SYS_TIME: [
    'adjtimex',
    'clock_adjtime',
    'clock_adjtime64',
    'clock_settime',
    'clock_settime64',
    'settimeofday',
    'stime',
  ],
  CAP_SYS_RAWIO: ['ioperm', 'iopl'],
  CAP_SYS_PTRACE: ['kcmp', 'process_madvise', 'process_vm_readv', 'process_vm_writev', 'ptrace'],
  CAP_SYS_TTY_CONFIG: ['vhangup'],
  CAP_SYS_NICE: ['get_mempolicy', 'mbind', 'migrate_pages', 'move_pages', 'set_mempolicy'],
  CAP_SYSLOG: ['syslog'],
};

/**
 * clone3 is refused with ENOSYS rather than EPERM when SYS_ADMIN is absent: glibc then falls back
 * to clone(2), so threads keep working (the same trick as docker's profile).
 */
const ENOSYS = 38;

function architectures(): string[] {
  switch (os.arch()) {
    case 'x64':
      return ['SCMP_ARCH_X86_64', 'SCMP_ARCH_X86', 'SCMP_ARCH_X32'];
    case 'arm64':
      return ['SCMP_ARCH_AARCH64', 'SCMP_ARCH_ARM'];
    case 'ppc64':
      return ['SCMP_ARCH_PPC64', 'SCMP_ARCH_PPC'];
    case 's390x':
      return ['SCMP_ARCH_S390X', 'SCMP_ARCH_S390'];
    default:
      return [];
  }
}

/** The profile for a container with the given bounding capabilities. */
export function defaultSeccompProfile(capabilities: readonly string[]): OciSeccomp {
  const denied = new Set(ALWAYS_DENIED);
  for (const [cap, calls] of Object.entries(DENIED_WITHOUT)) {
    if (!capabilities.includes(cap)) for (const call of calls) denied.add(call);
  }
  const syscalls: OciSeccompRule[] = [];
  if (denied.delete('clone3'))
    syscalls.push({ names: ['clone3'], action: 'SCMP_ACT_ERRNO', errnoRet: ENOSYS });
  syscalls.push({ names: [...denied].sort(), action: 'SCMP_ACT_ERRNO', errnoRet: EPERM });
  return { defaultAction: 'SCMP_ACT_ALLOW', architectures: architectures(), syscalls };
}
