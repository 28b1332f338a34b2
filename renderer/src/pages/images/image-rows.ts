// The rows of the images list: one per name (repository:tag), as `podman images` shows them, or
// one `<none>` row for an image without names; and the search over them.
import type { ImageSummary } from '../../../../engine/src/contract/image-types.js';
import { compareNames } from '../../components/compare-names.js';

export interface ImageRow {
  key: string;
  id: string;
  shortId: string;
  repository: string;
  tag: string;
  /** repository:tag, or undefined for a dangling image. */
  name: string | undefined;
  /** What actions name the image by: its name on a named row (so delete untags), else its ID. */
  ref: string;
  size: number;
  /** Unix seconds. */
  created: number;
  containers: number;
  /** Lower-cased text the search matches against. */
  searchText: string;
}

function splitName(name: string): { repository: string; tag: string } {
  const colon = name.lastIndexOf(':');
  if (colon > name.lastIndexOf('/')) return { repository: name.slice(0, colon), tag: name.slice(colon + 1) };
  return { repository: name, tag: '<none>' };
}

export function imageRows(images: readonly ImageSummary[]): ImageRow[] {
  const rows: ImageRow[] = [];
  for (const image of images) {
    const base = {
      id: image.Id,
      shortId: image.Id.slice(0, 12),
      size: image.Size,
      created: image.Created,
      containers: image.Containers,
    };
    const names = image.RepoTags ?? [];
    if (names.length === 0) {
      rows.push({
        ...base,
        key: image.Id,
        repository: '<none>',
        tag: '<none>',
        name: undefined,
        ref: image.Id,
        searchText: `<none> ${image.Id}`,
      });
      continue;
    }
    for (const name of names) {
      rows.push({
        ...base,
        key: `${image.Id} ${name}`,
        ...splitName(name),
        name,
        ref: name,
        searchText: `${name} ${image.Id}`.toLowerCase(),
      });
    }
  }
  // Newest first, then by name: the order `podman images` prints.
  return rows.sort((a, b) => b.created - a.created || compareNames(a.key, b.key));
}

/** Rows whose name or ID contains every word of the query. */
export function searchRows(rows: readonly ImageRow[], query: string): readonly ImageRow[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return rows;
  return rows.filter((row) => words.every((w) => row.searchText.includes(w)));
}
