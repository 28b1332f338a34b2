// -v/--volume, --mount and --tmpfs as podman parses them, into ContainerMounts. Bind sources
// are checked here (a missing host path fails create, as podman's does) and made absolute.
import { randomBytes } from '../util/random.js';
import { statSync } from 'node:fs';
import path from 'node:path';
import type { ContainerMount } from './container-config.js';

export class MountFlagError extends Error {
  readonly exitCode = 125;
}

const VOLUME_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;

function checkDestination(destination: string, flag: string): string {
  if (!destination.startsWith('/'))
    throw new MountFlagError(
      `invalid container path "${destination}" in ${flag}: it must be an absolute path`,
    );
  const normal = path.posix.normalize(destination);
  return normal.length > 1 ? normal.replace(/\/+$/, '') : normal;
}

function checkBindSource(source: string, cwd: string): string {
  const absolute = path.resolve(cwd, source);
  try {
    statSync(absolute);
  } catch (error) {
    throw new MountFlagError(
      `statfs ${absolute}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (error as Error).message}`,
    );
  }
  return absolute;
}

function anonymousName(): string {
  return randomBytes(32).toString('hex');
}

/** `-v SOURCE:DEST[:OPTIONS]`, `-v NAME:DEST[:OPTIONS]` or `-v DEST` (anonymous volume). */
export function parseVolumeFlag(value: string, cwd = process.cwd()): ContainerMount {
  const parts = value.split(':');
  if (parts.length > 3 || value === '')
    throw new MountFlagError(`invalid volume specification "${value}": use SOURCE:DEST[:OPTIONS]`);
  if (parts.length === 1) {
    return {
      type: 'volume',
      name: anonymousName(),
      anonymous: true,
      destination: checkDestination(parts[0]!, '-v'),
      readonly: false,
      options: [],
    };
  }
  const [source, destination, optionText] = parts as [string, string, string | undefined];
  const options = optionText ? optionText.split(',').filter((o) => o !== '') : [];
  const readonly = options.includes('ro') || options.includes('readonly');
  for (const o of options)
    if (o === 'ro' && options.includes('rw'))
      throw new MountFlagError(`invalid volume options "${optionText}": ro and rw together`);
  const dest = checkDestination(destination, '-v');
  if (source.startsWith('/') || source.startsWith('.')) {
    return { type: 'bind', source: checkBindSource(source, cwd), destination: dest, readonly, options };
  }
  if (!VOLUME_NAME.test(source))
    throw new MountFlagError(
      `invalid volume name "${source}": names must match [a-zA-Z0-9][a-zA-Z0-9_.-]*; host paths must be absolute`,
    );
  return { type: 'volume', name: source, anonymous: false, destination: dest, readonly, options };
}

/** `--tmpfs DEST[:OPTIONS]`. */
export function parseTmpfsFlag(value: string): ContainerMount {
  const colon = value.indexOf(':');
  const destination = checkDestination(colon < 0 ? value : value.slice(0, colon), '--tmpfs');
  const options =
    colon < 0
      ? []
      : value
          .slice(colon + 1)
          .split(',')
          .filter((o) => o !== '');
  return { type: 'tmpfs', destination, options };
}

/** `--mount type=bind|volume|tmpfs,source=...,target=...,readonly,...`. */
export function parseMountFlag(value: string, cwd = process.cwd()): ContainerMount {
  const fields = new Map<string, string>();
  const flags: string[] = [];
  for (const part of value.split(',')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    if (eq < 0) flags.push(part);
    else fields.set(part.slice(0, eq).toLowerCase(), part.slice(eq + 1));
  }
  const type = fields.get('type') ?? 'volume';
  const source = fields.get('source') ?? fields.get('src');
  const target = fields.get('target') ?? fields.get('destination') ?? fields.get('dst');
  if (!target) throw new MountFlagError(`--mount ${value}: give target=PATH inside the container`);
  const destination = checkDestination(target, '--mount');
  const readonlyValue = fields.get('readonly') ?? fields.get('ro');
  const readonly =
    flags.includes('readonly') || flags.includes('ro') || readonlyValue === 'true' || readonlyValue === '1';
  const options = flags.filter((f) => f !== 'readonly' && f !== 'ro');
  if (fields.has('bind-propagation')) options.push(fields.get('bind-propagation')!);
  switch (type) {
    case 'bind':
      if (!source) throw new MountFlagError(`--mount ${value}: a bind mount needs source=HOST-PATH`);
      return { type: 'bind', source: checkBindSource(source, cwd), destination, readonly, options };
    case 'volume':
      if (source && !VOLUME_NAME.test(source))
        throw new MountFlagError(`--mount ${value}: invalid volume name "${source}"`);
      return {
        type: 'volume',
        name: source ?? anonymousName(),
        anonymous: !source,
        destination,
        readonly,
        options,
      };
    case 'tmpfs': {
      const tmpfsOptions = [...options];
      if (fields.has('tmpfs-size')) tmpfsOptions.push(`size=${fields.get('tmpfs-size')}`);
      if (fields.has('tmpfs-mode')) tmpfsOptions.push(`mode=${fields.get('tmpfs-mode')}`);
      return { type: 'tmpfs', destination, options: tmpfsOptions };
    }
    default:
      throw new MountFlagError(
        `--mount ${value}: unsupported mount type "${type}": use bind, volume or tmpfs`,
      );
  }
}
