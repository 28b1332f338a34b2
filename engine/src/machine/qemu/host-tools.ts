// The host programs the QEMU provider runs, found up front so a missing one is reported with the
// package that provides it rather than as a spawn ENOENT halfway through a start.
import { findExecutable } from '../../util/find-executable.js';
import { MachineHostError } from '../machine-errors.js';

export interface QemuTools {
  qemu: string;
  qemuImg: string;
  ssh: string;
  sshKeygen: string;
}

const PACKAGES: Record<keyof QemuTools, { binary: string; debian: string }> = {
  qemu: { binary: 'qemu-system-x86_64', debian: 'qemu-system-x86' },
  qemuImg: { binary: 'qemu-img', debian: 'qemu-utils' },
  ssh: { binary: 'ssh', debian: 'openssh-client' },
  sshKeygen: { binary: 'ssh-keygen', debian: 'openssh-client' },
};

export function findQemuTools(env: NodeJS.ProcessEnv = process.env): QemuTools {
  const found: Partial<QemuTools> = {};
  const missing: (keyof QemuTools)[] = [];
  for (const key of Object.keys(PACKAGES) as (keyof QemuTools)[]) {
    const binary = findExecutable(PACKAGES[key].binary, env);
    if (binary) found[key] = binary;
    else missing.push(key);
  }
  if (missing.length > 0) {
    const names = missing.map((key) => PACKAGES[key].binary).join(', ');
    const packages = [...new Set(missing.map((key) => PACKAGES[key].debian))].join(' ');
    throw new MachineHostError(
      `${names} not found on PATH: the QEMU machine provider needs it; install it with \`apt-get install ${packages}\` (Debian/Ubuntu) or \`brew install qemu\` (macOS)`,
    );
  }
  return found as QemuTools;
}
