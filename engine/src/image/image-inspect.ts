// `image inspect`: the podman field names scripts depend on (Id, Digest, RepoTags, RepoDigests,
// Config, RootFS, GraphDriver, NamesHistory...), built from the stored record and config.
import path from 'node:path';
import type { StateDatabase } from '../state/state-database.js';
import { repoDigests, repoTags } from './image-summary.js';
import type { ImageRecord } from './image-records.js';
import { imageConfigSchema, type HistoryEntry, type ImageConfig } from './manifest-schemas.js';
import { imageStoreLayout, digestHex } from './store-layout.js';

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
  History: HistoryEntry[];
  NamesHistory: string[];
}

/** The stored config, which verified at pull time; loose parsing keeps unknown fields. */
export function parseConfigJson(text: string): ImageConfig {
  const parsed = imageConfigSchema.safeParse(JSON.parse(text));
  if (parsed.success) return parsed.data;
  // An image imported some other way may lack fields: show what is there.
  return JSON.parse(text) as ImageConfig;
}

export function inspectImage(
  _db: StateDatabase,
  record: ImageRecord,
  graphRoot: string,
  manifestAnnotations: Record<string, string> = {},
): ImageInspect {
  const config = parseConfigJson(record.config);
  const layout = imageStoreLayout(graphRoot);
  const layerDir = (diffId: string) => path.join(layout.layersDir, digestHex(diffId));
  const top = record.diffIds.at(-1);
  const data: Record<string, string> = {};
  if (top) {
    const lower = record.diffIds.slice(0, -1).reverse();
    if (lower.length > 0) data.LowerDir = lower.map((d) => path.join(layerDir(d), 'diff')).join(':');
    data.UpperDir = path.join(layerDir(top), 'diff');
    data.WorkDir = path.join(layerDir(top), 'work');
  }
  const runConfig = (config.config ?? {}) as Record<string, unknown>;
  const result: ImageInspect = {
    Id: record.id,
    Digest: record.manifestDigest,
    RepoTags: repoTags(record),
    RepoDigests: repoDigests(record),
    Parent: config.parent ?? '',
    // Docker's top-level comment, else (OCI images, `import -m`) the first history entry's, as podman shows it.
    Comment: config.comment ?? config.history?.[0]?.comment ?? '',
    Created: record.created,
    Config: runConfig,
    Version: config.docker_version ?? '',
    Author: config.author ?? '',
    Architecture: config.architecture,
    Os: config.os,
    Size: record.size,
    VirtualSize: record.size,
    GraphDriver: { Name: 'overlay', Data: data },
    RootFS: { Type: 'layers', Layers: record.diffIds },
    Labels: (runConfig.Labels as Record<string, string> | null | undefined) ?? null,
    Annotations: manifestAnnotations,
    ManifestType: record.manifestMediaType,
    User: (runConfig.User as string | undefined) ?? '',
    History: config.history ?? [],
    NamesHistory: record.namesHistory,
  };
  if (config.variant) result.Variant = config.variant;
  return result;
}
