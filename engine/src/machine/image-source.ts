// Machine images: a folder made by build/machine-image/build-image.sh (image.json, kernel,
// initrd, qcow2 disk), the same packed as a tar (plain, .zst, .xz or .gz: tar detects and runs
// the decompressor), or an http(s) URL to such a tar, downloaded with progress and checked
// against a sha256 when one is given. Each distinct image is unpacked once into the store's
// machine image cache; machines' overlay disks point at the cached copy, never at the source.
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  createReadStream,
  createWriteStream,
  existsSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { MachineImage } from './machine-config.js';
import { MachineError } from './machine-errors.js';
import { runToolChecked } from './run-tool.js';

export interface ImageManifest {
  format: string;
  kernel: string;
  initrd: string;
  disk: string;
  kernelCommandLine: string;
}

export interface ImageSourceOptions {
  /** Expected sha256 (hex) of a downloaded or local archive. */
  sha256?: string;
  onProgress?: (message: string) => void;
}

/** The default: the newest image build-image.sh made, when no --image is given. */
export function defaultImageSource(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.BERTH_MACHINE_IMAGE) return env.BERTH_MACHINE_IMAGE;
  const cache =
    env.BERTH_MACHINE_IMAGE_CACHE ||
    path.join(env.XDG_CACHE_HOME || path.join(env.HOME || os.homedir(), '.cache'), 'berth', 'machine-image');
  const latest = path.join(cache, 'latest');
  return existsSync(path.join(latest, 'image.json')) ? latest : undefined;
}

export function readManifest(dir: string): ImageManifest {
  const file = path.join(dir, 'image.json');
  let manifest: ImageManifest;
  try {
    manifest = JSON.parse(readFileSync(file, 'utf8')) as ImageManifest;
  } catch (error) {
    throw new MachineError(
      `${dir} is not a machine image: cannot read ${file} (${(error as Error).message}); build one with build/machine-image/build-image.sh`,
    );
  }
  for (const key of ['kernel', 'initrd', 'disk'] as const) {
    const part = manifest[key];
    if (typeof part !== 'string' || part.includes('/') || !existsSync(path.join(dir, part)))
      throw new MachineError(`the machine image ${dir} lacks its ${key} (image.json names "${part}")`);
  }
  return manifest;
}

async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), hash);
  return hash.digest('hex');
}

function sha256Text(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Same file system: a hard link (instant, no space); otherwise a copy. */
function linkOrCopy(from: string, to: string): void {
  try {
    linkSync(from, to);
  } catch {
    copyFileSync(from, to);
  }
}

function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

async function download(url: string, target: string, onProgress: (message: string) => void): Promise<void> {
  const response = await fetch(url).catch((error: Error) => {
    throw new MachineError(`cannot download the machine image ${url}: ${error.message}`);
  });
  if (!response.ok || !response.body)
    throw new MachineError(
      `cannot download the machine image ${url}: HTTP ${response.status} ${response.statusText}`,
    );
  const total = Number(response.headers.get('content-length') ?? 0);
  let received = 0;
  let lastReport = 0;
  const partial = `${target}.part`;
  const out = createWriteStream(partial);
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    received += chunk.length;
    if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    if (Date.now() - lastReport > 500) {
      lastReport = Date.now();
      onProgress(
        total > 0
          ? `Downloading ${url}: ${mib(received)} / ${mib(total)} (${Math.floor((received / total) * 100)}%)`
          : `Downloading ${url}: ${mib(received)}`,
      );
    }
  }
  await new Promise<void>((resolve, reject) =>
    out.end((error?: Error | null) => (error ? reject(error) : resolve())),
  );
  onProgress(`Downloaded ${url}: ${mib(received)}`);
  renameSync(partial, target);
}

/**
 * Resolves --image (a folder, a tar, or a URL) to a cached, unpacked image under `cacheDir`, and
 * returns what a machine's config records.
 */
export async function prepareImage(
  source: string,
  cacheDir: string,
  options: ImageSourceOptions = {},
): Promise<MachineImage> {
  const progress = options.onProgress ?? (() => {});
  mkdirSync(cacheDir, { recursive: true, mode: 0o700 });
  let archive: string | undefined;
  let directory: string | undefined;
  if (/^https?:\/\//.test(source)) {
    const downloads = path.join(cacheDir, 'downloads');
    mkdirSync(downloads, { recursive: true });
    archive = path.join(downloads, sha256Text(source));
    if (!existsSync(archive)) await download(source, archive, progress);
  } else {
    const local = path.resolve(source);
    if (!existsSync(local)) throw new MachineError(`machine image ${local} does not exist`);
    if (statSync(local).isDirectory()) directory = local;
    else archive = local;
  }

  let key: string;
  if (archive) {
    key = await sha256File(archive);
    if (options.sha256 && key !== options.sha256.toLowerCase().replace(/^sha256:/, '')) {
      if (/^https?:\/\//.test(source)) rmSync(archive, { force: true });
      throw new MachineError(
        `the machine image ${source} has sha256 ${key}, not the expected ${options.sha256}: the download is corrupt or the checksum is wrong`,
      );
    }
  } else {
    key = sha256Text(readFileSync(path.join(directory!, 'image.json'), 'utf8'));
  }

  const cached = path.join(cacheDir, key.slice(0, 32));
  if (!existsSync(path.join(cached, 'image.json'))) {
    const staging = mkdtempSync(path.join(cacheDir, '.import-'));
    try {
      if (archive) {
        progress(`Unpacking ${source}`);
        await runToolChecked(
          'tar',
          ['-xf', archive, '-C', staging],
          `cannot unpack the machine image ${source}`,
        );
      } else {
        const manifest = readManifest(directory!);
        for (const part of ['image.json', manifest.kernel, manifest.initrd, manifest.disk])
          linkOrCopy(path.join(directory!, part), path.join(staging, part));
      }
      readManifest(staging);
      rmSync(cached, { recursive: true, force: true });
      renameSync(staging, cached);
    } catch (error) {
      rmSync(staging, { recursive: true, force: true });
      throw error;
    }
  }
  const manifest = readManifest(cached);
  return {
    dir: cached,
    kernel: manifest.kernel,
    initrd: manifest.initrd,
    disk: manifest.disk,
    kernelCommandLine: manifest.kernelCommandLine,
    source,
  };
}
