// What `load` and `import` report as they go: per-layer progress in the pull's shape (one renderer
// draws all three), then the config and the stored image.
import type { LayerProgressEvent } from './pull-events.js';

export type LoadEvent =
  | LayerProgressEvent
  | { type: 'config'; digest: string }
  | { type: 'stored'; imageId: string; names: string[] };

export type LoadEventListener = (event: LoadEvent) => void;
