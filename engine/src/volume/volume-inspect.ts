// `volume inspect` and `volume ls --format json`: podman's InspectVolumeData fields, in its order,
// with its omitempty rules (UID, GID, Anonymous, NeedsCopyUp and NeedsChown only when set).
import type { VolumeRecord } from './volume-records.js';

export interface VolumeInspectData {
  Name: string;
  Driver: string;
  Mountpoint: string;
  CreatedAt: string;
  Labels: Record<string, string>;
  Scope: string;
  Options: Record<string, string>;
  UID?: number;
  GID?: number;
  Anonymous?: boolean;
  MountCount: number;
  NeedsCopyUp?: boolean;
  NeedsChown?: boolean;
}

/** Go's RFC3339Nano: trailing zeros of the fraction are dropped. */
function goRfc3339Nano(stored: string): string {
  return stored.replace(/\.(\d*?)0+Z$/, (_, digits: string) => (digits ? `.${digits}Z` : 'Z'));
}

/** Go marshals maps with sorted keys. */
function sortedMap(map: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(map).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export function inspectVolume(volume: VolumeRecord): VolumeInspectData {
  return {
    Name: volume.name,
    Driver: volume.driver,
    Mountpoint: volume.mountpoint,
    CreatedAt: goRfc3339Nano(volume.createdAt),
    Labels: sortedMap(volume.labels),
    Scope: 'local',
    Options: sortedMap(volume.options),
    ...(volume.uid ? { UID: volume.uid } : {}),
    ...(volume.gid ? { GID: volume.gid } : {}),
    ...(volume.anonymous ? { Anonymous: true } : {}),
    MountCount: volume.mountCount,
    ...(volume.needsCopyUp ? { NeedsCopyUp: true } : {}),
    ...(volume.needsChown ? { NeedsChown: true } : {}),
  };
}
