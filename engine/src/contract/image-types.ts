// Images as the engine reports them to front ends. Field names follow podman's JSON (`podman
// images --format json`, `podman image inspect`) so that the desktop app, the API service and
// scripts all read the same shapes. The engine's image domain produces these; local-engine.ts
// checks at compile time that its values still fit.

export interface ImageSummary {
  Id: string;
  ParentId: string;
  RepoTags: string[] | null;
  RepoDigests: string[];
  Size: number;
  SharedSize: number;
  VirtualSize: number;
  Labels: Record<string, string> | null;
  /** Containers created from the image. */
  Containers: number;
  Names: string[];
  Digest: string;
  History: string[];
  /** Unix seconds. */
  Created: number;
  CreatedAt: string;
  Dangling: boolean;
}

export interface ImageHistoryStep {
  created?: string;
  created_by?: string;
  author?: string;
  comment?: string;
  empty_layer?: boolean;
}

export interface ImageInspect {
  Id: string;
  Digest: string;
  RepoTags: string[];
  RepoDigests: string[];
  Parent: string;
  Comment: string;
  Created: string;
  Config: Record<string, unknown>;
  Version: string;
  Author: string;
  Architecture: string;
  Os: string;
  Variant?: string;
  Size: number;
  VirtualSize: number;
  GraphDriver: { Name: string; Data: Record<string, string> };
  RootFS: { Type: string; Layers: string[] };
  Labels: Record<string, string> | null;
  Annotations: Record<string, string>;
  ManifestType: string;
  User: string;
  History: ImageHistoryStep[];
  NamesHistory: string[];
}

/** One row of `history`, newest first. */
export interface ImageHistoryRow {
  /** Full image ID, or `<missing>`. */
  id: string;
  /** RFC 3339, '' when unknown. */
  created: string;
  createdBy: string;
  /** Bytes of the layer this step made; 0 for steps without a layer. */
  size: number;
  comment: string;
  tags: string[] | null;
}

/** What a pull reports as it goes: the items of the `images.pull` stream. */
export type PullProgress =
  /** A candidate reference is being tried (short names may have several). */
  | { type: 'trying'; reference: string }
  | { type: 'resolved'; reference: string; manifestDigest: string; layers: number }
  /** Per layer: `skipped` when already present, `progress` with bytes, `done` when verified and unpacked. */
  | {
      type: 'layer';
      digest: string;
      diffId: string;
      status: 'skipped' | 'started' | 'progress' | 'done';
      done: number;
      total: number;
    }
  | { type: 'config'; digest: string }
  | { type: 'stored'; imageId: string; names: string[] }
  | { type: 'warning'; message: string };

/**
 * What a push reports as it goes: the items of the `images.push` stream. Layer items have the
 * pull's shape (one renderer draws both); `reason` says why a layer was not sent.
 */
export type PushProgress =
  /** `layers`: how many layer items follow. */
  | { type: 'started'; destination: string; layers: number }
  | {
      type: 'layer';
      digest: string;
      diffId: string;
      status: 'skipped' | 'started' | 'progress' | 'done';
      done: number;
      total: number;
      reason?: 'exists' | 'mounted';
    }
  | { type: 'config'; digest: string }
  /** The manifest is written: the tag exists at the destination now, and the push is done. */
  | { type: 'manifest'; digest: string };

/** One layer of an image, bottom first (the order of RootFS.Layers), with the step that made it. */
export interface ImageLayer {
  /** 0 for the bottom layer. */
  index: number;
  diffId: string;
  /** Bytes of the uncompressed layer. */
  size: number;
  /** The history step that created the layer; '' when the image records none. */
  createdBy: string;
  /** RFC 3339, '' when unknown. */
  created: string;
  comment: string;
}

/**
 * What a layer does to a path: `added` (not in the layers below), `modified` (the path exists
 * below: replaced, or a directory whose contents or metadata change), `removed` (a whiteout, or
 * what an opaque directory hides), `opaque` (a directory whose lower contents are hidden).
 */
export type LayerFileKind = 'added' | 'modified' | 'removed' | 'opaque';

export type LayerFileType = 'file' | 'dir' | 'symlink' | 'char-device' | 'block-device' | 'fifo' | 'socket';

export interface LayerFileEntry {
  /** Absolute path in the image, e.g. `/bin/busybox`. */
  path: string;
  kind: LayerFileKind;
  /** For `removed`: the type of what the layers below had there ('file' when unknown). */
  type: LayerFileType;
  /** Bytes of a regular file (for `removed`: the file the layers below had); 0 otherwise. */
  size: number;
  /** A symbolic link's target. */
  linkTarget?: string;
}

export interface LayerFiles {
  diffId: string;
  /** Sorted by path. */
  entries: LayerFileEntry[];
  /** True when the layer has more entries than one answer carries; `entries` holds the first. */
  truncated: boolean;
}

export interface ImageRemovalProblem {
  message: string;
  /** not-found, conflict (in use: retry with force), or engine. */
  code: string;
}

export interface ImageRemovalReport {
  untagged: string[];
  deleted: string[];
  errors: ImageRemovalProblem[];
}

/**
 * What a build reports as it runs: the items of the `images.build` stream. `line` is podman's
 * text for a build event (STEP, COMMIT, --> ..., warnings); `output` is what a RUN step writes.
 */
export type BuildProgress =
  | { type: 'step'; stage: number; stages: number; step: number; steps: number; text: string }
  | { type: 'line'; text: string }
  | { type: 'output'; stream: 'stdout' | 'stderr'; data: string }
  | { type: 'done'; imageId: string; names: string[] };
