// The shape of an engine event, as podman records it: what happened (Status) to which kind of
// object (Type), the object's ID and Name, the image of a container, and free-form Attributes
// (a container's labels, an exec session's ID...). Field names are podman's, because they reach
// users through `events --format` templates and `--format json`.

export const EVENT_TYPES = ['container', 'image', 'volume', 'pod', 'network', 'system', 'secret'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** podman's statuses (libpod/events/config.go); kept open-ended so new ones need no schema change. */
export const EVENT_STATUSES = [
  'attach',
  'checkpoint',
  'cleanup',
  'commit',
  'connect',
  'create',
  'died',
  'disconnect',
  'exec',
  'exec_died',
  'exited',
  'export',
  'health_status',
  'import',
  'init',
  'kill',
  'load',
  'mount',
  'pause',
  'prune',
  'pull',
  'pull-error',
  'push',
  'remove',
  'rename',
  'restart',
  'restore',
  'rotate',
  'save',
  'start',
  'stop',
  'sync',
  'tag',
  'unmount',
  'unpause',
  'untag',
  'update',
] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number] | (string & {});

export interface BerthEvent {
  Type: EventType;
  Status: EventStatus;
  /** Container, image, pod or network ID; empty for volumes (podman names them by Name). */
  ID?: string;
  Name?: string;
  /** A container's image name. */
  Image?: string;
  /** Nanoseconds since the Unix epoch (Date has only milliseconds). */
  timeNano: bigint;
  /** Labels of the container, the exit code's context, the rotation marker... */
  Attributes?: Record<string, string>;
  /** For `died`, `exec_died` and `remove` of a container. */
  ContainerExitCode?: number;
  PodID?: string;
  /** The network's name in network events. */
  Network?: string;
  /** What went wrong, for `pull-error`. */
  Error?: string;
}

/** What a caller passes to appendEvent: the time is filled in when absent. */
export type NewEvent = Omit<BerthEvent, 'timeNano'> & { timeNano?: bigint };
