// Container lifecycle events, appended to the store's event log (engine/src/events) so that any
// process (`berth events`, the desktop app) sees them.
import { appendEvent } from '../events/append-event.js';
import type { Store } from '../state/store.js';
import type { ContainerRecord } from './container-records.js';

export type ContainerAction =
  | 'create'
  | 'init'
  | 'start'
  | 'attach'
  | 'died'
  | 'stop'
  | 'kill'
  | 'pause'
  | 'unpause'
  | 'restart'
  | 'remove'
  | 'cleanup'
  | 'rename'
  | 'exec'
  | 'exec_died'
  | 'commit'
  | 'mount'
  | 'unmount';

export function containerEvent(
  store: Store,
  action: ContainerAction,
  record: Pick<ContainerRecord, 'id' | 'name' | 'config'>,
  attributes: Record<string, string> = {},
): void {
  const { containerExitCode, ...rest } = attributes;
  appendEvent(store, {
    Type: 'container',
    Status: action,
    ID: record.id,
    Name: record.name,
    Image: record.config.imageName,
    // As podman: a pod's containers name their pod, so a follower can update the pod too.
    ...(record.config.pod ? { PodID: record.config.pod } : {}),
    // podman's container events carry the container's labels as attributes.
    Attributes: { ...record.config.labels, ...rest },
    ...(containerExitCode !== undefined ? { ContainerExitCode: Number(containerExitCode) } : {}),
  });
}
