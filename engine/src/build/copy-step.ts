// COPY and ADD: the sources (context paths and globs, heredocs, another stage's or image's files
// with --from, and for ADD URLs and local archives) planned into one layer. Planning comes first
// and yields the content hash the cache compares; the layer is packed only on a cache miss.
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream, lstatSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { ReadableStream } from 'node:stream/web';
import { pipeline } from 'node:stream/promises';
import { isRootless } from '../config/store-paths.js';
import { removeContainer } from '../container/container-lifecycle.js';
import { withContainerRootfs } from '../container/container-rootfs-access.js';
import { createContainer } from '../container/create-container.js';
import type { LayerStore } from '../image/layer-store.js';
import { tempPath } from '../image/temp-files.js';
import type { Store } from '../state/store.js';
import { BuildError } from './build-errors.js';
import { hasGlob, resolveSources } from './build-context.js';
import {
  emptyPlan,
  hashPlan,
  isTarArchive,
  packPlan,
  planTree,
  type CopyPlan,
  type Ownership,
} from './copy-plan.js';
import { IgnoreMatcher } from './ignore-file.js';
import { imageStat, resolveChown } from './image-files.js';
import type { Instruction } from './instructions.js';
import { processWord, type Lookup } from './variables.js';

type CopyInstruction = Extract<Instruction, { kind: 'COPY' | 'ADD' }>;

export interface CopyStepRequest {
  instruction: CopyInstruction;
  lookup: Lookup;
  escape: string;
  /** The parent image's layer dirs, uppermost first (destination checks, --chown names). */
  lowerDirs: string[];
  workdir: string;
  context: { dir: string; ignore: IgnoreMatcher };
  /** The image ID a --from names (a stage's result, or an image pulled as needed). */
  fromImage?: string;
  tmpDir: string;
  /** The step as shown, for errors. */
  step: string;
}

export interface PreparedCopy {
  /** What the cache key adds for this step: content hash, or the --from image. */
  keyExtra: string;
  /** Packs and stores the layer; returns its diff ID. */
  makeLayer(): Promise<string>;
  dispose(): Promise<void>;
}

const NO_IGNORE = new IgnoreMatcher([]);

function isUrl(source: string): boolean {
  return /^https?:\/\//i.test(source);
}

/** `COPY a b /dir/`, `COPY . .`: the destination is a directory. */
function destinationIsDirectory(dest: string): boolean {
  return dest.endsWith('/') || dest === '.' || dest.endsWith('/.');
}

async function download(
  url: string,
  tmpDir: string,
  checksum: string | undefined,
  step: string,
): Promise<{ file: string; mtime: Date }> {
  const file = tempPath(tmpDir, 'build-add');
  let response: Response;
  try {
    response = await fetch(url, { redirect: 'follow' });
  } catch (error) {
    throw new BuildError(
      `${step}: fetching ${url}: ${(error as Error).message}: check the URL and the network`,
      { cause: error },
    );
  }
  if (!response.ok || !response.body)
    throw new BuildError(
      `${step}: fetching ${url}: the server answered ${response.status} ${response.statusText}`,
    );
  const hash = createHash('sha256');
  const body = Readable.fromWeb(response.body as ReadableStream<Uint8Array>);
  body.on('data', (chunk: Buffer) => hash.update(chunk));
  await pipeline(body, createWriteStream(file, { mode: 0o600 }));
  const digest = `sha256:${hash.digest('hex')}`;
  if (checksum !== undefined && checksum !== digest) {
    await rm(file, { force: true });
    throw new BuildError(
      `${step}: the content of ${url} does not match --checksum=${checksum} (it is ${digest}): check the URL or the checksum`,
    );
  }
  const modified = response.headers.get('last-modified');
  return { file, mtime: modified ? new Date(modified) : new Date() };
}

/** Directory entries for the destination's parents, keeping the image's own when they exist. */
function addParents(plan: CopyPlan, lowerDirs: readonly string[], rel: string, owner: Ownership): void {
  const parts = rel.split('/').filter(Boolean);
  for (let i = 1; i <= parts.length; i++) {
    const dir = parts.slice(0, i).join('/');
    if (plan.entries.has(dir)) continue;
    const existing = imageStat(lowerDirs, dir);
    if (existing && !existing.isDirectory()) continue;
    plan.entries.set(dir, {
      name: dir,
      type: 'directory',
      mode: existing ? existing.mode & 0o7777 : 0o755,
      uid: existing ? existing.uid : (owner.uid ?? 0),
      gid: existing ? existing.gid : (owner.gid ?? 0),
      mtime: existing ? existing.mtime : new Date(),
      size: 0,
    });
  }
}

export async function prepareCopy(
  store: Store,
  layers: LayerStore,
  request: CopyStepRequest,
): Promise<PreparedCopy> {
  const { instruction: ins, lookup, escape, step } = request;
  const expand = (word: string) => processWord(word, lookup, escape);
  const destWord = expand(ins.dest);
  const destAbs = path.posix.resolve(request.workdir || '/', destWord);
  const destRel = destAbs.replace(/^\/+/, '');
  const sources = ins.sources.map((s) => (s.startsWith('<<') ? s : expand(s)));
  const chown =
    ins.chown !== undefined ? resolveChown(request.lowerDirs, expand(ins.chown), step) : undefined;
  let mode: number | undefined;
  if (ins.chmod !== undefined) {
    if (!/^[0-7]{3,4}$/.test(ins.chmod))
      throw new BuildError(`${step}: invalid --chmod=${ins.chmod}: use octal digits, e.g. 755`);
    mode = parseInt(ins.chmod, 8);
  }
  const existingDest = imageStat(request.lowerDirs, destRel);
  const intoDirectory =
    destinationIsDirectory(destWord) ||
    sources.length > 1 ||
    sources.some((s) => hasGlob(s)) ||
    destRel === '' ||
    existingDest?.isDirectory() === true;
  const targetFor = (name: string) =>
    intoDirectory ? (destRel === '' ? name : `${destRel}/${name}`) : destRel;
  const temporary: string[] = [];
  const dispose = async () => {
    for (const file of temporary) await rm(file, { force: true });
  };
  if (ins.checksum !== undefined && !sources.every(isUrl))
    throw new BuildError(`${step}: --checksum is only supported with HTTP(S) sources`);

  if (request.fromImage !== undefined) {
    const fromImage = request.fromImage;
    const owner: Ownership = { ...chown, mode };
    return {
      keyExtra: `from:${fromImage}`,
      dispose,
      makeLayer: async () => {
        // The source image's files, read through a mount of a container that never runs.
        const holder = await createContainer(store, {
          image: fromImage,
          imageId: fromImage,
          name: `berth-build-${randomBytes(6).toString('hex')}`,
          command: ['true'],
          entrypoint: [''],
          networkMode: 'none',
        });
        try {
          return await withContainerRootfs(store, holder.id, async ({ rootfs }) => {
            const plan = emptyPlan();
            addParents(plan, request.lowerDirs, intoDirectory ? destRel : path.posix.dirname(destRel), owner);
            for (const source of sources) {
              const rel = path.posix.normalize(source.replace(/^\/+/, '')).replace(/\/+$/, '');
              const matches = hasGlob(rel)
                ? resolveSources(rootfs, rel, NO_IGNORE, step)
                : [rel === '.' ? '' : rel];
              for (const match of matches) {
                let stats;
                try {
                  stats = lstatSync(path.join(rootfs, match));
                } catch {
                  throw new BuildError(
                    `${step}: "${source}" does not exist in image ${fromImage.slice(0, 12)}: check the path in the --from stage`,
                  );
                }
                planTree(
                  plan,
                  rootfs,
                  match,
                  stats.isDirectory() ? destRel : targetFor(path.posix.basename(match)),
                  owner,
                );
              }
            }
            return ingestPlan(layers, plan, step);
          });
        } finally {
          await removeContainer(store, holder.id, { force: true, volumes: true });
        }
      },
    };
  }

  // From the context (and for ADD, the web): context files belong to root unless --chown.
  const owner: Ownership = { uid: chown?.uid ?? 0, gid: chown?.gid ?? 0, mode };
  const plan = emptyPlan();
  addParents(plan, request.lowerDirs, intoDirectory ? destRel : path.posix.dirname(destRel), owner);
  try {
    for (const source of sources) {
      if (source.startsWith('<<')) {
        const name = source
          .slice(2)
          .replace(/^-/, '')
          .replace(/^["']|["']$/g, '');
        const heredoc = ins.heredocs.find((h) => h.name === name);
        if (!heredoc) throw new BuildError(`${step}: no heredoc named ${name}`);
        const content = Buffer.from(
          heredoc.quoted ? heredoc.content : expandHeredoc(heredoc.content, lookup, escape),
        );
        const target = targetFor(name);
        plan.entries.set(target, {
          name: target,
          type: 'file',
          mode: mode ?? 0o644,
          uid: owner.uid!,
          gid: owner.gid!,
          mtime: new Date(0),
          size: content.length,
          content,
        });
        continue;
      }
      if (isUrl(source)) {
        if (ins.kind !== 'ADD')
          throw new BuildError(`${step}: COPY does not fetch URLs (${source}): use ADD`);
        const fetched = await download(source, request.tmpDir, ins.checksum, step);
        temporary.push(fetched.file);
        const name = path.posix.basename(new URL(source).pathname) || 'index.html';
        const target = targetFor(name);
        const size = lstatSync(fetched.file).size;
        plan.entries.set(target, {
          name: target,
          type: 'file',
          mode: mode ?? 0o600,
          uid: owner.uid!,
          gid: owner.gid!,
          mtime: fetched.mtime,
          size,
          host: fetched.file,
        });
        continue;
      }
      for (const match of resolveSources(request.context.dir, source, request.context.ignore, step)) {
        const host = path.join(request.context.dir, match);
        const stats = lstatSync(host);
        if (stats.isDirectory()) {
          planTree(plan, request.context.dir, match, destRel, owner, request.context.ignore);
        } else if (ins.kind === 'ADD' && stats.isFile() && (await isTarArchive(host))) {
          plan.archives.push({ host, destDir: destRel });
        } else {
          planTree(
            plan,
            request.context.dir,
            match,
            targetFor(path.posix.basename(match)),
            owner,
            request.context.ignore,
          );
        }
      }
    }
  } catch (error) {
    await dispose();
    throw error;
  }
  return {
    keyExtra: await hashPlan(plan),
    dispose,
    makeLayer: () => ingestPlan(layers, plan, step),
  };
}

/** Heredoc bodies expand variables unless the delimiter was quoted; quotes in the body stay. */
function expandHeredoc(content: string, lookup: Lookup, escape: string): string {
  return content.replace(/\$(\{[^}]*\}|[A-Za-z_][A-Za-z0-9_]*)/g, (match) =>
    processWord(`"${match}"`, lookup, escape),
  );
}

async function ingestPlan(layers: LayerStore, plan: CopyPlan, step: string): Promise<string> {
  const ingested = await layers.ingest({
    what: `the files of "${step}"`,
    privileged: !isRootless(),
    open: async () => packPlan(plan),
  });
  return ingested.info.diffId;
}
