// The qemu-system-x86_64 command line for a machine: direct kernel boot of the image's kernel
// and initramfs (an uncompressed kernel boots through its PVH entry, skipping the decompressor),
// the machine's qcow2 overlay as a virtio disk, user networking with the SSH port forwarded to
// 127.0.0.1, the SSH key and shared-folder list passed through fw_cfg (no image rebuild per
// machine), a QMP socket for power-down, the serial console to a file.
import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';
import type { MachineRecord } from '../machine-store.js';

/** KVM only with a real KVM module: /dev/kvm alone may be a paravirtual variant that cannot boot a stock kernel. */
export function accelerationArgs(sysModule = '/sys/module'): string[] {
  const kvm = ['kvm_intel', 'kvm_amd'].some((module) => existsSync(path.join(sysModule, module)));
  return kvm && existsSync('/dev/kvm') ? ['-accel', 'kvm', '-cpu', 'host'] : ['-accel', 'tcg', '-cpu', 'max'];
}

/**
 * qboot, QEMU's minimal firmware, when it is installed beside this QEMU (Debian's qemu-system-data,
 * Homebrew's qemu): it hands over to the kernel about a second sooner than SeaBIOS under TCG.
 * Without it QEMU uses its default firmware.
 */
export function firmwareArgs(qemuBinary: string): string[] {
  const prefix = path.dirname(path.dirname(realpathOrSelf(qemuBinary)));
  const qboot = path.join(prefix, 'share', 'qemu', 'qboot.rom');
  return existsSync(qboot) ? ['-bios', qboot] : [];
}

function realpathOrSelf(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return file;
  }
}

/**
 * The image's kernel command line, plus, under TCG, `mitigations=off`: TCG executes nothing
 * speculatively, so the kernel's Spectre/Meltdown defences (page-table isolation on every system
 * call among them) only slow the emulated guest down. With KVM they protect, and stay on.
 */
export function kernelCommandLine(imageCommandLine: string, accel: readonly string[]): string {
  return accel.includes('tcg') ? `${imageCommandLine} mitigations=off` : imageCommandLine;
}

/** QEMU's option syntax separates with commas; a comma inside a value is written twice. */
function optionValue(value: string): string {
  return value.replace(/,/g, ',,');
}

export function qemuArgs(
  machine: MachineRecord,
  sshPort: number,
  accel = accelerationArgs(),
  firmware: string[] = [],
): string[] {
  const { config, paths } = machine;
  const image = config.image;
  const args = [
    ...accel,
    ...firmware,
    '-M',
    'q35',
    '-m',
    String(config.memoryMiB),
    '-smp',
    String(config.cpus),
    '-nodefaults',
    '-nographic',
    // A guest that panics or reboots exits QEMU instead of looping: start reports it at once.
    '-no-reboot',
    '-kernel',
    path.join(image.dir, image.kernel),
    '-initrd',
    path.join(image.dir, image.initrd),
    '-append',
    kernelCommandLine(image.kernelCommandLine, accel),
    '-drive',
    `if=virtio,file=${optionValue(paths.disk)},format=qcow2`,
    '-netdev',
    `user,id=net0,hostfwd=tcp:127.0.0.1:${sshPort}-:22`,
    // romfile= skips the iPXE option ROM: nothing boots from the network, and it costs seconds.
    '-device',
    'virtio-net-pci,netdev=net0,romfile=',
    '-fw_cfg',
    `name=opt/machine/authorized_keys,file=${optionValue(`${paths.sshKey}.pub`)}`,
    '-fw_cfg',
    `name=opt/machine/hostname,file=${optionValue(paths.hostnameFile)}`,
    '-fw_cfg',
    `name=opt/machine/mounts,file=${optionValue(paths.mountsFile)}`,
    '-qmp',
    `unix:${optionValue(paths.qmpSocket)},server=on,wait=off`,
    '-serial',
    `file:${optionValue(paths.consoleLog)}`,
    '-daemonize',
    '-pidfile',
    paths.qemuPidFile,
  ];
  for (const mount of config.mounts)
    args.push(
      '-virtfs',
      `local,path=${optionValue(mount.source)},mount_tag=${mount.tag},security_model=none,id=${mount.tag}`,
    );
  return args;
}
