// Which provider runs machines on this host: WSL2 on Windows, QEMU elsewhere (Linux, macOS).
import type { VmType } from './machine-config.js';
import type { MachineProvider } from './machine-provider.js';
import { QemuProvider } from './qemu/qemu-provider.js';
import { WslProvider } from './wsl/wsl-provider.js';

export function defaultVmType(platform: NodeJS.Platform = process.platform): VmType {
  return platform === 'win32' ? 'wsl' : 'qemu';
}

export function providerFor(vmType: VmType, env: NodeJS.ProcessEnv = process.env): MachineProvider {
  return vmType === 'wsl' ? new WslProvider({ env }) : new QemuProvider(env);
}
