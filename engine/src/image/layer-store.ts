// Unpacked layers at <graphRoot>/layers/<diff-id hex>/{diff/,layer.json,blob}, keyed by diff ID so
// that images share them. A layer is streamed from its source through two digest checks (the
// compressed blob's digest, then the diff ID of the uncompressed tar) into a temporary directory,
// and renamed into place only when both verify: memory use does not grow with the layer's size,
// and an interrupted or failed ingest leaves nothing visible.
// The blob itself is kept beside the unpacked tree (`blob`, exactly the bytes of
// `compressedDigest`): push and save hand it on as it came, so digests, manifests and image IDs
// survive a round trip (a tree re-archived from disk would not reproduce the diff ID).
import {
  createReadStream,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { pipeline, type Readable } from 'node:stream';
import { createAutoDecompressor, type Compression } from './decompress.js';
import { createDigestVerifier } from './digest-verifier.js';
import { DigestMismatchError, ImageError, MalformedContentError } from './image-errors.js';
import { createFileTee } from './file-tee.js';
import { extractLayer, type ExtractSummary } from './layer-extract.js';
import { digestHex, layerDiffPath, layerDirPath, layerInfoPath } from './store-layout.js';
import { tempPath } from './temp-files.js';

export interface LayerInfo {
  /** sha256 of the uncompressed tar. */
  diffId: string;
  /** Bytes of the uncompressed tar. */
  size: number;
  /** The blob it was unpacked from, and that blob's size. */
  compressedDigest: string;
  compressedSize: number;
  compression: Compression;
  /** Unix milliseconds. */
  createdAt: number;
  /** `host/repository` the blob was pulled from: a push to the same host can mount it from there. */
  source?: string;
  /** The deterministic gzip of an uncompressed blob, recorded by the first push that made it. */
  gzip?: { digest: string; size: number };
}

export interface IngestLayerRequest {
  /** undefined: unknown yet (an imported tarball); computed while the layer streams. */
  diffId?: string;
  /** undefined: the blob is not named by a digest (a docker-archive's file); computed. */
  compressedDigest?: string;
  compressedSize?: number;
  /** Names the layer in errors. */
  what: string;
  /** Opens the blob's byte stream (a registry response, a file...). */
  open: () => Promise<Readable>;
  onProgress?: (bytes: number) => void;
  privileged: boolean;
  /** Recorded as LayerInfo.source. */
  source?: string;
}

export class LayerStore {
  constructor(
    readonly layersDir: string,
    private readonly tmpDir: string,
  ) {}

  layerDir(diffId: string): string {
    return layerDirPath(this, diffId);
  }

  /** The directory to use as an overlay lower dir. */
  diffPath(diffId: string): string {
    return layerDiffPath(this, diffId);
  }

  has(diffId: string): boolean {
    return existsSync(layerInfoPath(this, diffId));
  }

  /** The kept blob (the bytes of LayerInfo.compressedDigest). */
  blobPath(diffId: string): string {
    return path.join(this.layerDir(diffId), 'blob');
  }

  /** Opens the kept blob, or fails saying how to get it back. */
  openBlob(diffId: string): Readable {
    if (!existsSync(this.blobPath(diffId)))
      throw new ImageError(
        `layer ${diffId} has no stored archive (it was unpacked by an older Berth, which kept only the tree): remove the image and pull or load it again`,
      );
    return createReadStream(this.blobPath(diffId), { highWaterMark: 1024 * 1024 });
  }

  /** Remembers the gzip a push made of an uncompressed blob (same bytes every time: deterministic). */
  recordGzip(diffId: string, gzip: { digest: string; size: number }): void {
    const info = this.info(diffId);
    if (!info || info.gzip?.digest === gzip.digest) return;
    const file = path.join(this.layerDir(diffId), 'layer.json');
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify({ ...info, gzip }));
    renameSync(tmp, file);
  }

  info(diffId: string): LayerInfo | undefined {
    try {
      return JSON.parse(readFileSync(path.join(this.layerDir(diffId), 'layer.json'), 'utf8')) as LayerInfo;
    } catch {
      return undefined;
    }
  }

  /** Diff IDs of every complete layer on disk. */
  list(): string[] {
    let names: string[];
    try {
      names = readdirSync(this.layersDir);
    } catch {
      return [];
    }
    return names
      .filter((n) => /^[a-f0-9]{64}$/.test(n))
      .map((n) => `sha256:${n}`)
      .filter((d) => this.has(d));
  }

  /** Downloads, verifies and unpacks a layer; returns the layer as stored (ours or a concurrent writer's). */
  async ingest(
    request: IngestLayerRequest,
  ): Promise<{ info: LayerInfo; summary?: ExtractSummary; created?: boolean }> {
    const existing = request.diffId === undefined ? undefined : this.info(request.diffId);
    if (existing) return { info: existing };
    const label = request.diffId === undefined ? 'new' : digestHex(request.diffId).slice(0, 12);
    const work = tempPath(this.tmpDir, `layer-${label}`);
    try {
      // Off the main thread: creating inodes can be slow, and other layers are streaming meanwhile.
      await mkdir(path.join(work, 'diff'), { recursive: true, mode: 0o755 });
      const source = await request.open();
      let compression: Compression = 'none';
      const compressedCheck = createDigestVerifier({
        expectedDigest: request.compressedDigest,
        expectedSize: request.compressedSize,
        what: request.what,
        onBytes: request.onProgress,
      });
      const diffCheck = createDigestVerifier({
        expectedDigest: request.diffId,
        what: `${request.what} (uncompressed, diff ID)`,
      });
      const tarStream = pipeline(
        source,
        compressedCheck,
        createFileTee(path.join(work, 'blob')),
        createAutoDecompressor((c) => (compression = c)),
        diffCheck,
        () => {
          // Errors reach extractLayer through the destroyed streams.
        },
      );
      let compressedVerified = false;
      compressedCheck.once('end', () => (compressedVerified = true));
      const summary = await extractLayer(tarStream, path.join(work, 'diff'), {
        privileged: request.privileged,
      }).catch((error: unknown) => {
        // Undecodable data that has not verified yet is, as far as the user is concerned, data
        // that does not match its digest: say so rather than blame the compression.
        if (
          error instanceof MalformedContentError &&
          !compressedVerified &&
          request.compressedDigest !== undefined
        )
          throw new DigestMismatchError(
            `${request.what}: the data does not match digest ${request.compressedDigest} (${error.message}): it was corrupted or tampered with on the way: retry the pull, and report it to the registry's owner if it persists`,
            { cause: error },
          );
        throw error;
      });
      if (compressedCheck.digest === undefined || diffCheck.digest === undefined)
        throw new MalformedContentError(`${request.what}: the tar archive ended before its data did`);
      const diffId = request.diffId ?? diffCheck.digest;
      if (request.diffId === undefined && this.has(diffId)) return { info: this.info(diffId)!, summary };
      const info: LayerInfo = {
        diffId,
        size: diffCheck.bytes,
        compressedDigest: request.compressedDigest ?? compressedCheck.digest,
        compressedSize: compressedCheck.bytes,
        compression,
        createdAt: Date.now(),
        ...(request.source ? { source: request.source } : {}),
      };
      writeFileSync(path.join(work, 'layer.json'), JSON.stringify(info));
      mkdirSync(this.layersDir, { recursive: true, mode: 0o711 });
      try {
        renameSync(work, this.layerDir(diffId));
      } catch (error) {
        // Another process finished the same layer first: theirs is identical, keep it.
        const code = (error as NodeJS.ErrnoException).code;
        if ((code === 'ENOTEMPTY' || code === 'EEXIST') && this.has(diffId))
          return { info: this.info(diffId)!, summary };
        throw error;
      }
      return { info, summary, created: true };
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }

  /** Removes a layer: renamed away first so that it disappears at once, then deleted. */
  remove(diffId: string): void {
    const dir = this.layerDir(diffId);
    if (!existsSync(dir)) return;
    const doomed = tempPath(this.tmpDir, `removing-${digestHex(diffId).slice(0, 12)}`);
    try {
      renameSync(dir, doomed);
    } catch {
      rmSync(dir, { recursive: true, force: true });
      return;
    }
    rmSync(doomed, { recursive: true, force: true });
  }
}
