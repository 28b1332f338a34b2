// What a push reports as it goes; layer events have the pull's shape so that one renderer draws
// both. `digest` names the local blob being sent (podman prints the source's digest too).
import type { LayerProgressEvent } from './pull-events.js';

export type PushEvent =
  /** `layers`: how many layer events will follow (one blob each). */
  | { type: 'started'; destination: string; layers: number }
  | (LayerProgressEvent & { reason?: 'exists' | 'mounted' })
  | { type: 'config'; digest: string }
  | { type: 'manifest'; digest: string };

export type PushEventListener = (event: PushEvent) => void;
