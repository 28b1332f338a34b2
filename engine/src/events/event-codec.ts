// One event per line of JSON in the log, with podman's field names and its RFC 3339 `Time`, so
// the file reads like podman's own events.log. Lines stay small (an append is one write(2), and
// concurrent appends interleave whole only while each is a single, modest write): oversized
// attributes are dropped with a marker rather than making a line megabytes long.
import { EVENT_TYPES, type BerthEvent, type EventType } from './event-types.js';
import { parseRfc3339, rfc3339Nano } from './event-time.js';

/** Upper bound of one encoded event; a container with huge labels loses them in its events. */
export const MAX_EVENT_LINE_BYTES = 16 * 1024;
const MAX_TEXT_FIELD = 4 * 1024;
export const DROPPED_ATTRIBUTES_MARKER = 'io.berth.event.attributes-dropped';

interface StoredEvent {
  ContainerExitCode?: number;
  ID?: string;
  Image?: string;
  Name?: string;
  network?: string;
  Status: string;
  Time: string;
  Type: string;
  Error?: string;
  PodID?: string;
  Attributes: Record<string, string> | null;
}

function clip(text: string | undefined): string | undefined {
  if (text === undefined || text === '') return undefined;
  return text.length > MAX_TEXT_FIELD ? `${text.slice(0, MAX_TEXT_FIELD)}…` : text;
}

function toStored(event: BerthEvent, attributes: Record<string, string> | null): StoredEvent {
  return {
    ContainerExitCode: event.ContainerExitCode,
    ID: clip(event.ID),
    Image: clip(event.Image),
    Name: clip(event.Name),
    network: clip(event.Network),
    Status: event.Status,
    Time: rfc3339Nano(event.timeNano),
    Type: event.Type,
    Error: clip(event.Error),
    PodID: clip(event.PodID),
    Attributes: attributes,
  };
}

/** The event as one line of JSON, newline included. */
export function encodeEventLine(event: BerthEvent): string {
  const attributes = event.Attributes && Object.keys(event.Attributes).length > 0 ? event.Attributes : null;
  let line = `${JSON.stringify(toStored(event, attributes))}\n`;
  if (Buffer.byteLength(line) > MAX_EVENT_LINE_BYTES) {
    const dropped = { [DROPPED_ATTRIBUTES_MARKER]: String(Object.keys(attributes ?? {}).length) };
    line = `${JSON.stringify(toStored(event, dropped))}\n`;
  }
  return line;
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Parses one line (without its newline); undefined for anything that is not a valid event. */
export function decodeEventLine(line: string): BerthEvent | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof raw !== 'object' || raw === null) return undefined;
  const stored = raw as Partial<Record<keyof StoredEvent, unknown>>;
  if (typeof stored.Type !== 'string' || !(EVENT_TYPES as readonly string[]).includes(stored.Type))
    return undefined;
  if (typeof stored.Status !== 'string' || typeof stored.Time !== 'string') return undefined;
  const timeNano = parseRfc3339(stored.Time);
  if (timeNano === undefined) return undefined;
  const event: BerthEvent = { Type: stored.Type as EventType, Status: stored.Status, timeNano };
  const id = optionalString(stored.ID);
  if (id !== undefined) event.ID = id;
  const name = optionalString(stored.Name);
  if (name !== undefined) event.Name = name;
  const image = optionalString(stored.Image);
  if (image !== undefined) event.Image = image;
  const network = optionalString(stored.network);
  if (network !== undefined) event.Network = network;
  const error = optionalString(stored.Error);
  if (error !== undefined) event.Error = error;
  const podId = optionalString(stored.PodID);
  if (podId !== undefined) event.PodID = podId;
  if (typeof stored.ContainerExitCode === 'number') event.ContainerExitCode = stored.ContainerExitCode;
  if (typeof stored.Attributes === 'object' && stored.Attributes !== null) {
    const attributes: Record<string, string> = {};
    for (const [key, value] of Object.entries(stored.Attributes))
      if (typeof value === 'string') attributes[key] = value;
    event.Attributes = attributes;
  }
  return event;
}
