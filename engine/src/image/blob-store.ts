// Content-addressed storage of small verified blobs (manifests, configs) at
// <graphRoot>/blobs/sha256/<hex>. A blob is written to a temporary file and renamed into place
// only after its digest verifies, so a reader never sees a partial or wrong blob; two writers of
// the same blob both succeed and leave one copy (rename replaces identical content atomically).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DigestMismatchError } from './image-errors.js';
import { digestHex } from './store-layout.js';
import { tempPath } from './temp-files.js';

export class BlobStore {
  constructor(
    private readonly blobsDir: string,
    private readonly tmpDir: string,
  ) {}

  path(digest: string): string {
    return path.join(this.blobsDir, digestHex(digest));
  }

  has(digest: string): boolean {
    return existsSync(this.path(digest));
  }

  /** Stores bytes under their digest after checking it. */
  put(digest: string, data: Buffer, what = `blob ${digest}`): void {
    const actual = `sha256:${createHash('sha256').update(data).digest('hex')}`;
    if (actual !== digest)
      throw new DigestMismatchError(`${what}: digest mismatch: expected ${digest}, got ${actual}`);
    if (this.has(digest)) return;
    mkdirSync(this.blobsDir, { recursive: true, mode: 0o755 });
    const tmp = tempPath(this.tmpDir, `blob-${digestHex(digest).slice(0, 12)}`);
    writeFileSync(tmp, data, { mode: 0o644 });
    renameSync(tmp, this.path(digest));
  }

  get(digest: string): Buffer | undefined {
    try {
      return readFileSync(this.path(digest));
    } catch {
      return undefined;
    }
  }

  remove(digest: string): void {
    rmSync(this.path(digest), { force: true });
  }
}
