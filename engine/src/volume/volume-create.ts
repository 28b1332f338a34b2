// `volume create`, and the creation behind a container's `-v name:/dest` or anonymous `-v /dest`.
// Creation happens under the volume's cross-process lock and the record's primary key, so when
// many processes create the same name at once exactly one creates it; the others fail clearly,
// or get the existing volume with `ignoreIfExists`.
import { chownSync, mkdirSync } from 'node:fs';
import { appendEvent } from '../events/append-event.js';
import { nowNanos, rfc3339Nano } from '../events/event-time.js';
import { withLock } from '../state/object-lock.js';
import type { Store } from '../state/store.js';
import { VolumeError, VolumeExistsError, VolumeInvalidError } from './volume-errors.js';
import { anonymousVolumeName, validateVolumeName } from './volume-names.js';
import { parseLocalVolumeOptions } from './volume-options.js';
import { volumeDataDir, volumeDir, volumeLockName } from './volume-paths.js';
import { getVolumeRecord, insertVolumeRecord, type VolumeRecord } from './volume-records.js';

export interface CreateVolumeOptions {
  /** Absent: a random 64-hex name. */
  name?: string;
  /** Only `local` (podman's default) is supported. */
  driver?: string;
  labels?: Record<string, string>;
  /** Driver options (`type`, `device`, `o`, `nocopy`), as `--opt` gives them. */
  options?: Record<string, string>;
  /** Return the existing volume instead of failing when the name is taken (`--ignore`). */
  ignoreIfExists?: boolean;
  /** A container's anonymous volume (removed with the container by `rm -v`, pruned by default). */
  anonymous?: boolean;
  /** Owner of the volume's directory (`--uid`/`--gid`); also set by `--opt o=uid=N,gid=N`. */
  uid?: number;
  gid?: number;
}

export interface CreateVolumeResult {
  volume: VolumeRecord;
  /** False when `ignoreIfExists` returned an existing volume. */
  created: boolean;
}

function makeDirectories(store: Store, name: string, uid: number | undefined, gid: number | undefined): void {
  const dir = volumeDir(store.paths, name);
  const data = volumeDataDir(store.paths, name);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    mkdirSync(data, { recursive: true, mode: 0o755 });
    if (uid !== undefined || gid !== undefined) {
      chownSync(dir, uid ?? -1, gid ?? -1);
      chownSync(data, uid ?? -1, gid ?? -1);
    }
  } catch (error) {
    throw new VolumeError(
      `creating the directory of volume ${name} in ${dir}: ${(error as Error).message}: check that the storage root is writable`,
      { cause: error },
    );
  }
}

export async function createVolume(
  store: Store,
  request: CreateVolumeOptions = {},
): Promise<CreateVolumeResult> {
  const driver = request.driver ?? 'local';
  if (driver !== 'local')
    throw new VolumeInvalidError(
      `volume driver "${driver}" is not supported: Berth has the "local" driver only`,
    );
  const name = request.name ?? anonymousVolumeName();
  validateVolumeName(name);
  const parsed = parseLocalVolumeOptions(request.options ?? {});
  if (request.uid !== undefined) parsed.uid = request.uid;
  if (request.gid !== undefined) parsed.gid = request.gid;
  const result = await withLock(store.db, volumeLockName(name), (): CreateVolumeResult => {
    const existing = getVolumeRecord(store.db, name);
    if (existing) {
      if (request.ignoreIfExists) return { volume: existing, created: false };
      throw new VolumeExistsError(name);
    }
    makeDirectories(store, name, parsed.uid, parsed.gid);
    const record: VolumeRecord = {
      name,
      driver,
      mountpoint: volumeDataDir(store.paths, name),
      createdAt: rfc3339Nano(nowNanos()),
      labels: { ...(request.labels ?? {}) },
      options: parsed.options,
      anonymous: request.anonymous ?? false,
      mountCount: 0,
      needsCopyUp: true,
      // An explicit owner is final: the first container must not chown it (podman's NoChown).
      needsChown: parsed.uid === undefined && parsed.gid === undefined,
      copiedUp: false,
    };
    if (parsed.uid !== undefined) record.uid = parsed.uid;
    if (parsed.gid !== undefined) record.gid = parsed.gid;
    if (!insertVolumeRecord(store.db, record)) throw new VolumeExistsError(name);
    return { volume: record, created: true };
  });
  if (result.created) appendEvent(store, { Type: 'volume', Status: 'create', Name: name });
  return result;
}
