// Events in the Docker API's shape (`{"Type","Action","Actor":{"ID","Attributes"},"time",...}`),
// from the store's event log. Docker names a few actions differently from podman: a container
// "die"s and is "destroy"ed, an image is "delete"d; filters are translated back the other way.
import type { BerthEvent } from '../events/index.js';

const DOCKER_ACTION: Record<string, Record<string, string>> = {
  container: { died: 'die', remove: 'destroy' },
  image: { remove: 'delete' },
};

const PODMAN_STATUS: Record<string, string> = { die: 'died', destroy: 'remove', delete: 'remove' };

/** A Docker `event=` filter value as the event log's status. */
export function podmanEventName(dockerAction: string): string {
  return PODMAN_STATUS[dockerAction] ?? dockerAction;
}

export function dockerEvent(event: BerthEvent): Record<string, unknown> {
  const action = DOCKER_ACTION[event.Type]?.[event.Status] ?? event.Status;
  const attributes: Record<string, string> = { ...(event.Attributes ?? {}) };
  if (event.Name) attributes.name = event.Name;
  if (event.Image) attributes.image = event.Image;
  if (event.ContainerExitCode !== undefined) attributes.exitCode = String(event.ContainerExitCode);
  if (event.Network) attributes.name = event.Network;
  // Volumes are known by name only; Docker uses the name as the actor's ID.
  const id = event.ID || event.Name || '';
  if (event.Type === 'network' && event.ID && event.Status !== 'create' && event.Status !== 'remove')
    attributes.container = event.ID;
  const time = event.timeNano / 1_000_000_000n;
  return {
    ...(event.Type === 'container' || event.Type === 'image'
      ? { status: action, id, from: event.Image ?? event.Name ?? '' }
      : {}),
    Type: event.Type,
    Action: action,
    Actor: { ID: id, Attributes: attributes },
    scope: 'local',
    time: Number(time),
    timeNano: Number(event.timeNano),
  };
}
