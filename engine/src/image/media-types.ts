// The media types of the OCI image spec and of Docker's schema 2, which registries serve side by side.
export const MEDIA_TYPES = {
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  ociConfig: 'application/vnd.oci.image.config.v1+json',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerConfig: 'application/vnd.docker.container.image.v1+json',
  dockerSchema1Signed: 'application/vnd.docker.distribution.manifest.v1+prettyjws',
  dockerSchema1: 'application/vnd.docker.distribution.manifest.v1+json',
} as const;

/** What we ask a registry for: both index kinds and both manifest kinds. */
export const MANIFEST_ACCEPT = [
  MEDIA_TYPES.ociIndex,
  MEDIA_TYPES.ociManifest,
  MEDIA_TYPES.dockerList,
  MEDIA_TYPES.dockerManifest,
];

export function isIndexMediaType(mediaType: string): boolean {
  return mediaType === MEDIA_TYPES.ociIndex || mediaType === MEDIA_TYPES.dockerList;
}

export function isManifestMediaType(mediaType: string): boolean {
  return mediaType === MEDIA_TYPES.ociManifest || mediaType === MEDIA_TYPES.dockerManifest;
}

/** Layer media types we can unpack; the compression itself is detected from magic bytes. */
export function isLayerMediaType(mediaType: string): boolean {
  return (
    mediaType.startsWith('application/vnd.oci.image.layer.v1.tar') ||
    mediaType.startsWith('application/vnd.oci.image.layer.nondistributable.v1.tar') ||
    mediaType === 'application/vnd.docker.image.rootfs.diff.tar.gzip' ||
    // Uncompressed schema 2 layers: containers/image writes them (and Berth after a docker-archive load).
    mediaType === 'application/vnd.docker.image.rootfs.diff.tar' ||
    mediaType === 'application/vnd.docker.image.rootfs.foreign.diff.tar.gzip' ||
    mediaType === 'application/vnd.docker.image.rootfs.diff.tar.zstd'
  );
}
