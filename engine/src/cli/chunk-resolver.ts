// Resolution of the CLI bundle's own chunks. A chunk requires another as `./name-HASH.cjs`, a
// file beside it whose name carries its content hash (scripts/build-cli.mjs): the answer is that
// path, without Node's search for it (stat calls, package.json scope lookups), which cost ~4 ms
// of a `run` (44 chunk requires, measured). Anything else (builtins, packages, paths with folders
// in them, requires from outside the bundle) goes to Node as before. A chunk that is not there
// fails on reading it, with its path in the error, as a missing file does.
import Module from 'node:module';
import path from 'node:path';

type Resolve = (
  this: unknown,
  request: string,
  parent: { filename?: string | null } | undefined,
  ...rest: unknown[]
) => string;

/** Whether `request`, made by a module in `bundleDir`, names a chunk beside it. */
export function isChunkRequest(
  request: string,
  parentFile: string | null | undefined,
  bundleDir: string,
): boolean {
  return (
    request.startsWith('./') &&
    request.endsWith('.cjs') &&
    !request.includes('/', 2) &&
    !!parentFile &&
    path.dirname(parentFile) === bundleDir
  );
}

/** Resolves the chunks of `bundleDir` directly from now on; returns what puts Node's back. */
export function installChunkResolver(bundleDir: string): () => void {
  const loader = Module as unknown as { _resolveFilename: Resolve };
  const original = loader._resolveFilename;
  const resolve: Resolve = function (this: unknown, request, parent, ...rest) {
    if (isChunkRequest(request, parent?.filename, bundleDir)) return bundleDir + request.slice(1);
    return original.call(this, request, parent, ...rest);
  };
  loader._resolveFilename = resolve;
  return () => {
    if (loader._resolveFilename === resolve) loader._resolveFilename = original;
  };
}
