// How `events` shows an event, as podman does: the human line of libpod's ToHumanReadable, and
// the object that `--format json` prints and `--format` templates see (cmd/podman/system/events.go:
// Time in Unix seconds, TimeNano in nanoseconds, labels under Attributes).
import type { EngineEvent } from '../contract/event-types.js';
import type { BerthEvent } from './event-types.js';
import { goTimeString, rfc3339Nano } from './event-time.js';

function truncateId(id: string, truncate: boolean): string {
  return truncate && /^[0-9a-f]{64}$/.test(id) ? id.slice(0, 12) : id;
}

function sortedAttributes(event: BerthEvent): [string, string][] {
  return Object.entries(event.Attributes ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** `2026-11-23 19:00:00.123456789 +0000 UTC container start 3c2... (image=..., name=foo)`. */
export function humanReadableEvent(event: BerthEvent, truncate = false): string {
  const head = `${goTimeString(event.timeNano)} ${event.Type} ${event.Status}`;
  const id = truncateId(event.ID ?? '', truncate);
  switch (event.Type) {
    case 'container':
    case 'pod': {
      let text = `${head} ${id} (image=${event.Image ?? ''}, name=${event.Name ?? ''}`;
      if (event.PodID) text += `, pod_id=${event.PodID}`;
      // Labels, and the attributes an event adds (exit code context, exec session...).
      for (const [key, value] of sortedAttributes(event)) text += `, ${key}=${value}`;
      return `${text})`;
    }
    case 'network':
      if (event.Status === 'create' || event.Status === 'remove')
        return `${head} ${event.ID ?? ''} (name=${event.Network ?? ''}, type=${event.Attributes?.driver ?? ''})`;
      return `${head} ${id} (container=${id}, name=${event.Network ?? ''})`;
    case 'image':
      return `${head} ${id} ${event.Name ?? ''}${event.Error ? ` ${event.Error}` : ''}`;
    case 'system':
      return event.Name ? `${head} ${event.Name}` : head;
    case 'volume':
      return `${head} ${event.Name ?? ''}`;
    case 'secret':
      return `${head} ${id}`;
  }
}

/** The object of `events --format json`: podman's field order, empty fields left out. */
export function eventJsonObject(event: BerthEvent): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (event.ContainerExitCode !== undefined) out.ContainerExitCode = event.ContainerExitCode;
  if (event.ID) out.ID = event.ID;
  if (event.Image) out.Image = event.Image;
  if (event.Name) out.Name = event.Name;
  if (event.Network) out.network = event.Network;
  out.Status = event.Status;
  out.time = event.timeNano / 1_000_000_000n;
  out.timeNano = event.timeNano;
  out.Type = event.Type;
  if (event.Error) out.Error = event.Error;
  if (event.PodID) out.PodID = event.PodID;
  out.Attributes = event.Attributes ?? null;
  return out;
}

/** What a `--format` template sees: every field present, as in podman's Go struct. */
export function eventTemplateData(event: BerthEvent): Record<string, unknown> {
  return {
    ContainerExitCode: event.ContainerExitCode ?? null,
    ID: event.ID ?? '',
    Image: event.Image ?? '',
    Name: event.Name ?? '',
    Network: event.Network ?? '',
    Status: event.Status,
    Time: event.timeNano / 1_000_000_000n,
    TimeNano: event.timeNano,
    Type: event.Type,
    HealthStatus: '',
    Error: event.Error ?? '',
    PodID: event.PodID ?? '',
    Attributes: event.Attributes ?? {},
  };
}

/** The event as the contract carries it to the desktop app (engine/src/contract/event-types.ts). */
export function engineEventFrom(event: BerthEvent): EngineEvent {
  const { timeNano, ...rest } = event;
  return { ...rest, Time: rfc3339Nano(timeNano) };
}
