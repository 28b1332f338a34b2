// Options of the `local` driver, read as podman reads them (pkg/domain/infra/abi/parse and
// libpod/runtime_volume_common.go): `type`, `device` and `o` describe a mount made when a container
// uses the volume (`-o type=tmpfs -o device=tmpfs -o o=size=64m`); inside `o`, uid= and gid= also
// set the volume's owner and are recorded as UID/GID; `nocopy` turns copy-up off.
import { existsSync } from 'node:fs';
import { VolumeInvalidError } from './volume-errors.js';

export interface ParsedVolumeOptions {
  /** What inspect shows under Options, and what the mount uses. */
  options: Record<string, string>;
  uid?: number;
  gid?: number;
}

const LOCAL_KEYS = new Set([
  'device',
  'o',
  'type',
  'uid',
  'gid',
  'size',
  'inodes',
  'noquota',
  'copy',
  'nocopy',
]);

/** `KEY=VALUE` strings (--label, --opt) into a map; a bare KEY maps to ''. Later ones win. */
export function parseKeyValueList(items: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of items) {
    const eq = item.indexOf('=');
    const key = eq < 0 ? item : item.slice(0, eq);
    if (key === '')
      throw new VolumeInvalidError(`invalid option ${JSON.stringify(item)}: expected KEY=VALUE`);
    out[key] = eq < 0 ? '' : item.slice(eq + 1);
  }
  return out;
}

function integerOption(name: string, value: string | undefined): number {
  if (value === undefined || !/^\d+$/.test(value))
    throw new VolumeInvalidError(`${name} option must provide a number, got ${JSON.stringify(value ?? '')}`);
  return Number(value);
}

/** Validates options for the local driver and derives the owner and podman's extra keys. */
export function parseLocalVolumeOptions(given: Readonly<Record<string, string>>): ParsedVolumeOptions {
  const options: Record<string, string> = {};
  const parsed: ParsedVolumeOptions = { options };
  for (const [key, value] of Object.entries(given)) {
    if (!LOCAL_KEYS.has(key.toLowerCase()))
      throw new VolumeInvalidError(
        `invalid mount option ${key} for driver 'local': use type, device, o (and nocopy)`,
      );
    if (key !== 'o') {
      options[key] = value;
      continue;
    }
    const kept: string[] = [];
    for (const part of value.split(',')) {
      if (part === '') continue;
      const eq = part.indexOf('=');
      const name = (eq < 0 ? part : part.slice(0, eq)).toLowerCase();
      const arg = eq < 0 ? undefined : part.slice(eq + 1);
      switch (name) {
        case 'uid':
          parsed.uid = integerOption('uid', arg);
          options.UID = arg!;
          kept.push(part);
          break;
        case 'gid':
          parsed.gid = integerOption('gid', arg);
          options.GID = arg!;
          kept.push(part);
          break;
        case 'size':
          options.SIZE = arg ?? '';
          kept.push(part);
          break;
        case 'inodes':
          integerOption('inodes', arg);
          options.INODES = arg!;
          kept.push(part);
          break;
        case 'noquota':
          options.NOQUOTA = 'true';
          break;
        case 'timeout':
          break; // for volume plugins only
        default:
          kept.push(part);
      }
    }
    if (kept.length > 0) options.o = kept.join(',');
  }
  const type = options.type?.toLowerCase();
  if (type === 'bind' && options.device !== undefined && !existsSync(options.device))
    throw new VolumeInvalidError(
      `invalid volume option device for driver 'local': ${options.device} does not exist: create it first`,
    );
  if ((options.SIZE !== undefined || options.INODES !== undefined) && type !== 'tmpfs')
    throw new VolumeInvalidError(
      'volume options size and inodes need filesystem project quotas, which Berth does not support: use -o type=tmpfs for a size-limited volume',
    );
  if (options.INODES !== undefined && type === 'tmpfs')
    throw new VolumeInvalidError(
      'volume option inodes is not supported on a tmpfs volume: use o=nr_inodes=N',
    );
  return parsed;
}

/**
 * Whether the volume is a mount to make at first use (podman's needsMount): any option beyond the
 * bookkeeping ones (UID, GID, SIZE, NOQUOTA, copy, nocopy, and the `o` that carried uid/gid).
 */
export function volumeNeedsMount(driver: string, options: Readonly<Record<string, string>>): boolean {
  if (driver !== 'local') return true;
  let bookkeeping = ['UID', 'GID', 'SIZE', 'NOQUOTA', 'nocopy', 'copy'].filter((k) =>
    Object.hasOwn(options, k),
  ).length;
  if (bookkeeping > 0) bookkeeping++;
  return Object.keys(options).length > bookkeeping;
}
