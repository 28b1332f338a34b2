// Platforms (os/architecture/variant) as the OCI image index names them, the host's own, and
// the choice of one manifest out of an index (`--platform`, `--arch`, `--os`, `--variant`).
import { goArch } from '../util/go-arch.js';
import { ImageError } from './image-errors.js';

export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
}

export function hostPlatform(): Platform {
  const architecture = goArch();
  const platform: Platform = {
    os: process.platform === 'win32' ? 'windows' : process.platform,
    architecture,
  };
  if (architecture === 'arm64') platform.variant = 'v8';
  if (architecture === 'arm') {
    const version = (process.config.variables as { arm_version?: string }).arm_version;
    platform.variant = `v${version ?? '7'}`;
  }
  return platform;
}

/** Parses `os/arch[/variant]`; an empty part keeps the default's. */
export function parsePlatform(value: string, defaults: Platform = hostPlatform()): Platform {
  const parts = value.split('/');
  if (parts.length < 1 || parts.length > 3 || parts.some((p) => p !== p.trim()))
    throw new ImageError(
      `invalid platform "${value}": use os/arch[/variant], e.g. linux/arm64 or linux/arm/v7`,
    );
  const [os = '', architecture = '', variant = ''] = parts;
  if (parts.length === 1)
    throw new ImageError(`invalid platform "${value}": use os/arch[/variant], e.g. linux/arm64`);
  const platform: Platform = {
    os: os || defaults.os,
    architecture: normalizeArchitecture(architecture || defaults.architecture),
  };
  if (variant) platform.variant = variant;
  return platform;
}

/** Common aliases: x86_64 → amd64, aarch64 → arm64. */
export function normalizeArchitecture(architecture: string): string {
  switch (architecture) {
    case 'x86_64':
    case 'x86-64':
      return 'amd64';
    case 'aarch64':
      return 'arm64';
    case 'i386':
    case 'i686':
      return '386';
    default:
      return architecture;
  }
}

/** The platform a pull wants, from its flags; `--platform` excludes `--arch`/`--os`/`--variant`. */
export function requestedPlatform(options: {
  platform?: string;
  arch?: string;
  os?: string;
  variant?: string;
}): Platform {
  const host = hostPlatform();
  if (options.platform) {
    if (options.arch || options.os || options.variant)
      throw new ImageError(
        '--platform cannot be combined with --arch, --os or --variant: use one or the other',
      );
    return parsePlatform(options.platform, host);
  }
  const architecture = options.arch ? normalizeArchitecture(options.arch) : host.architecture;
  const platform: Platform = { os: options.os || host.os, architecture };
  const variant = options.variant || (architecture === host.architecture ? host.variant : undefined);
  if (variant) platform.variant = variant;
  return platform;
}

/** arm64's variant is v8 when unspecified; other architectures have no implied variant. */
function effectiveVariant(p: Platform): string | undefined {
  if (p.variant) return p.variant;
  return p.architecture === 'arm64' ? 'v8' : undefined;
}

export function platformMatches(candidate: Platform, wanted: Platform): boolean {
  if (candidate.os !== wanted.os || normalizeArchitecture(candidate.architecture) !== wanted.architecture)
    return false;
  const want = effectiveVariant(wanted);
  const have = effectiveVariant(candidate);
  return want === undefined || have === undefined || want === have;
}

export function formatPlatform(p: Platform): string {
  return `${p.os}/${p.architecture}${p.variant ? `/${p.variant}` : ''}`;
}
