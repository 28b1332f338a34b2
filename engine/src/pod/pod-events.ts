// Pod lifecycle events (type "pod"), appended to the store's event log like container events.
import { appendEvent } from '../events/append-event.js';
import type { Store } from '../state/store.js';
import type { PodRecord } from './pod-records.js';

export type PodAction = 'create' | 'start' | 'stop' | 'kill' | 'pause' | 'unpause' | 'restart' | 'remove';

export function podEvent(store: Store, action: PodAction, pod: Pick<PodRecord, 'id' | 'name'>): void {
  appendEvent(store, { Type: 'pod', Status: action, ID: pod.id, Name: pod.name, Attributes: {} });
}
