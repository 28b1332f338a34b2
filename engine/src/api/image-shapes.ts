// Images in the Docker API's shapes, from the image domain's summaries and inspect objects
// (podman's field names, which Docker mostly shares): IDs gain their "sha256:" prefix and the
// podman-only fields are left out.
import type { ImageSummary } from '../image/image-summary.js';
import { sha256 } from './container-shapes.js';

export function dockerImageSummary(summary: ImageSummary): Record<string, unknown> {
  return {
    Id: sha256(summary.Id),
    ParentId: summary.ParentId ? sha256(summary.ParentId) : '',
    RepoTags: summary.RepoTags ?? [],
    RepoDigests: summary.RepoDigests,
    Created: summary.Created,
    Size: summary.Size,
    SharedSize: -1,
    VirtualSize: summary.VirtualSize,
    Labels: summary.Labels ?? {},
    Containers: summary.Containers,
  };
}
