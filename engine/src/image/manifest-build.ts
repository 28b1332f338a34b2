// Writes image manifests for what Berth hands on (push, save): OCI or Docker schema 2, each layer
// described by the blob that will actually travel, so that a manifest never names bytes that differ
// from what the receiver gets. The config bytes never change: the image ID survives any format.
import type { Compression } from './decompress.js';
import { MEDIA_TYPES } from './media-types.js';

export type ManifestFormat = 'oci' | 'v2s2';

export interface BlobDescriptor {
  digest: string;
  size: number;
}

export interface LayerBlob extends BlobDescriptor {
  compression: Compression;
}

const LAYER_MEDIA_TYPES: Record<ManifestFormat, Record<Compression, string>> = {
  oci: {
    gzip: 'application/vnd.oci.image.layer.v1.tar+gzip',
    zstd: 'application/vnd.oci.image.layer.v1.tar+zstd',
    none: 'application/vnd.oci.image.layer.v1.tar',
  },
  v2s2: {
    gzip: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
    zstd: 'application/vnd.docker.image.rootfs.diff.tar.zstd',
    none: 'application/vnd.docker.image.rootfs.diff.tar',
  },
};

export function layerMediaType(format: ManifestFormat, compression: Compression): string {
  return LAYER_MEDIA_TYPES[format][compression];
}

export function manifestMediaType(format: ManifestFormat): string {
  return format === 'oci' ? MEDIA_TYPES.ociManifest : MEDIA_TYPES.dockerManifest;
}

/** The format a stored manifest media type belongs to (OCI unless it is Docker's). */
export function formatOfMediaType(mediaType: string): ManifestFormat {
  return mediaType === MEDIA_TYPES.dockerManifest ? 'v2s2' : 'oci';
}

export function buildManifest(
  format: ManifestFormat,
  config: BlobDescriptor,
  layers: readonly LayerBlob[],
): { body: Buffer; mediaType: string } {
  const mediaType = manifestMediaType(format);
  const manifest = {
    schemaVersion: 2,
    mediaType,
    config: {
      mediaType: format === 'oci' ? MEDIA_TYPES.ociConfig : MEDIA_TYPES.dockerConfig,
      digest: config.digest,
      size: config.size,
    },
    layers: layers.map((l) => ({
      mediaType: layerMediaType(format, l.compression),
      digest: l.digest,
      size: l.size,
    })),
  };
  return { body: Buffer.from(JSON.stringify(manifest)), mediaType };
}
