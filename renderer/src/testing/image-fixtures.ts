// Images as the engine reports them, for component tests.
import type { ImageInspect, ImageSummary } from '../../../engine/src/contract/image-types.js';

export function imageSummary(
  id: string,
  tags: string[] | null,
  options: { created?: number; size?: number; containers?: number } = {},
): ImageSummary {
  const size = options.size ?? 4_500_000;
  return {
    Id: id.padEnd(64, '0'),
    ParentId: '',
    RepoTags: tags,
    RepoDigests: [],
    Size: size,
    SharedSize: 0,
    VirtualSize: size,
    Labels: null,
    Containers: options.containers ?? 0,
    Names: tags ?? [],
    Digest: 'sha256:'.padEnd(71, 'd'),
    History: [],
    Created: options.created ?? 1_700_000_000,
    CreatedAt: '2023-11-14T22:13:20Z',
    Dangling: !tags,
  };
}

export function imageInspect(summary: ImageSummary): ImageInspect {
  return {
    Id: summary.Id,
    Digest: summary.Digest,
    RepoTags: summary.RepoTags ?? [],
    RepoDigests: [],
    Parent: '',
    Comment: '',
    Created: summary.CreatedAt,
    Config: { Cmd: ['sh'], Env: ['PATH=/usr/bin:/bin'], WorkingDir: '/www', ExposedPorts: { '80/tcp': {} } },
    Version: '',
    Author: '',
    Architecture: 'amd64',
    Os: 'linux',
    Size: summary.Size,
    VirtualSize: summary.Size,
    GraphDriver: { Name: 'overlay', Data: {} },
    RootFS: { Type: 'layers', Layers: ['sha256:'.padEnd(71, '1'), 'sha256:'.padEnd(71, '2')] },
    Labels: null,
    Annotations: {},
    ManifestType: 'application/vnd.oci.image.manifest.v1+json',
    User: '',
    History: [],
    NamesHistory: [],
  };
}
