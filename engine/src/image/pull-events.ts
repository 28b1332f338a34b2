// What a pull reports as it goes, for the CLI's podman-style lines and for the desktop app's
// progress bars. Pure data: it crosses the contract to the renderer as is.
export type PullEvent =
  /** A candidate reference is being tried (short names may have several). */
  | { type: 'trying'; reference: string }
  /** Podman prints "Getting image source signatures" here; Berth has no signatures yet. */
  | { type: 'resolved'; reference: string; manifestDigest: string; layers: number }
  /** Per layer: `skipped` when already present, `progress` with bytes, `done` when verified and unpacked. */
  | LayerProgressEvent
  | { type: 'config'; digest: string }
  | { type: 'stored'; imageId: string; names: string[] }
  | { type: 'warning'; message: string };

export type PullEventListener = (event: PullEvent) => void;

/** One blob's transfer, pulled or pushed: what the CLI's progress lines and bars are drawn from. */
export interface LayerProgressEvent {
  type: 'layer';
  digest: string;
  diffId: string;
  status: 'skipped' | 'started' | 'progress' | 'done';
  done: number;
  total: number;
}
