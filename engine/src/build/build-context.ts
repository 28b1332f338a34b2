// The build context: a folder (used in place) or a tar stream (the API service's body, `build -`
// on stdin) unpacked into a temporary folder of the store. Sources of COPY/ADD are chosen from it
// with globs, never outside it, and never what the ignore file leaves out.
import { lstatSync, readdirSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { pipeline, type Readable } from 'node:stream';
import { createAutoDecompressor } from '../image/decompress.js';
import { extractLayer } from '../image/layer-extract.js';
import { tempPath } from '../image/temp-files.js';
import { BuildError } from './build-errors.js';
import { globToRegExp, type IgnoreMatcher } from './ignore-file.js';

export interface UnpackedContext {
  dir: string;
  dispose(): Promise<void>;
}

/** Unpacks a (possibly compressed) tar stream into a temporary directory under `tmpDir`. */
export async function unpackContext(
  stream: Readable,
  tmpDir: string,
  privileged: boolean,
): Promise<UnpackedContext> {
  const dir = tempPath(tmpDir, 'build-context');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  try {
    const tar = pipeline(stream, createAutoDecompressor(), () => {
      // errors reach extractLayer through the destroyed stream
    });
    await extractLayer(tar, dir, { privileged });
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw new BuildError(`reading the build context archive: ${(error as Error).message}`, { cause: error });
  }
  return { dir, dispose: () => rm(dir, { recursive: true, force: true }) };
}

export function hasGlob(text: string): boolean {
  return /[*?[]/.test(text);
}

/** Every path of the context (relative, '/'-separated) not ignored, directories included. */
function walkContext(root: string, ignore: IgnoreMatcher): string[] {
  const out: string[] = [];
  const stack = [''];
  while (stack.length > 0) {
    const rel = stack.pop()!;
    for (const entry of readdirSync(path.join(root, rel), { withFileTypes: true })) {
      const child = rel === '' ? entry.name : `${rel}/${entry.name}`;
      const ignored = ignore.ignores(child);
      if (!ignored) out.push(child);
      // An ignored directory may still hold exceptions (`!dir/keep`).
      if (entry.isDirectory() && (!ignored || ignore.hasExceptions)) stack.push(child);
    }
  }
  return out.sort();
}

/**
 * The context paths a COPY/ADD source names: one path, or every path a glob matches. Fails when
 * nothing matches, or the source climbs out of the context.
 */
export function resolveSources(root: string, source: string, ignore: IgnoreMatcher, step: string): string[] {
  const cleaned = path.posix.normalize(source.replace(/^\/+/, '')).replace(/\/+$/, '');
  if (cleaned === '..' || cleaned.startsWith('../'))
    throw new BuildError(
      `${step}: forbidden path outside the build context: ${source}: copy it into the context first`,
    );
  if (cleaned === '.' || cleaned === '') return [''];
  if (hasGlob(cleaned)) {
    const regex = globToRegExp(cleaned);
    const matched = walkContext(root, ignore).filter((rel) => regex.test(rel));
    if (matched.length === 0)
      throw new BuildError(
        `${step}: no files in the build context match "${source}" (check the path and the ignore file)`,
      );
    return matched;
  }
  let exists = true;
  try {
    lstatSync(path.join(root, cleaned));
  } catch {
    exists = false;
  }
  if (!exists || ignore.ignores(cleaned))
    throw new BuildError(
      `${step}: checking on sources under "${root}": copier: stat: "/${cleaned}": no such file or directory${exists ? ' (it is excluded by the ignore file)' : ''}`,
    );
  return [cleaned];
}
