// Engine events as podman reports them (`podman events --format json`): what happened (Status)
// to which kind of object (Type), when. Front ends apply them to what they show instead of
// re-reading whole lists.

export type EngineEventType = 'container' | 'image' | 'volume' | 'pod' | 'network' | 'system' | 'secret';

export interface EngineEvent {
  Type: EngineEventType;
  /** The action: pull, tag, untag, remove, create, start, died... */
  Status: string;
  /** RFC 3339 with nanoseconds, UTC. */
  Time: string;
  /** The object's ID (image ID, container ID...). */
  ID?: string;
  /** The object's name (an image reference, a container name). */
  Name?: string;
  /** A container's image. */
  Image?: string;
  Network?: string;
  PodID?: string;
  ContainerExitCode?: number;
  Error?: string;
  Attributes?: Record<string, string>;
}
