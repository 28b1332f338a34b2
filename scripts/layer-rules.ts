// The architecture's layering, checked on every test run (as VS Code checks its layers):
//  - engine/ never imports electron, react, or code under renderer/ or electron/;
//  - engine/src/contract/ is isomorphic: no Node built-ins, no packages but zod;
//  - renderer/ imports only engine/src/contract (and its own code) plus browser packages;
//  - electron/preload/ imports only electron and the contract.
import { builtinModules } from 'node:module';
import path from 'node:path';

export interface ImportRef {
  /** The file that imports, relative to the repository root, with forward slashes. */
  file: string;
  specifier: string;
  line: number;
  typeOnly: boolean;
}

export interface Violation extends ImportRef {
  rule: string;
}

const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
/** Packages that only work in Node (native addons, servers, child processes). */
const NODE_ONLY_PACKAGES = new Set([
  'better-sqlite3',
  'node-unix-socket',
  'node-pty',
  'undici',
  'tar-stream',
  'smol-toml',
  'electron',
]);
const CONTRACT_ALLOWED_PACKAGES = new Set(['zod']);

function isRelative(specifier: string): boolean {
  return specifier.startsWith('./') || specifier.startsWith('../');
}

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

function isNodeBuiltin(specifier: string): boolean {
  return (
    NODE_BUILTINS.has(specifier) ||
    NODE_BUILTINS.has(specifier.split('/')[0]!) ||
    specifier.startsWith('node:')
  );
}

/** The repository-relative path an import points at, or undefined for a package import. */
function resolveTarget(ref: ImportRef): string | undefined {
  if (!isRelative(ref.specifier)) return undefined;
  return path.posix.normalize(path.posix.join(path.posix.dirname(ref.file), ref.specifier));
}

function under(file: string, dir: string): boolean {
  return file === dir || file.startsWith(`${dir}/`);
}

/** Unit tests beside the code run under vitest, never in the layer they test. */
const TEST_FILE = /\.test\.(ts|tsx)$/;
const TEST_RUNNER = 'vitest';

export function checkImport(ref: ImportRef): Violation | undefined {
  const target = resolveTarget(ref);
  const pkg = target === undefined ? packageName(ref.specifier) : undefined;
  const fail = (rule: string): Violation => ({ ...ref, rule });
  if (pkg === TEST_RUNNER && TEST_FILE.test(ref.file)) return undefined;

  if (under(ref.file, 'engine/src/contract')) {
    if (target !== undefined && !under(target, 'engine/src/contract'))
      return fail('engine/src/contract may import only its own files');
    if (pkg !== undefined && (isNodeBuiltin(ref.specifier) || !CONTRACT_ALLOWED_PACKAGES.has(pkg)))
      return fail(
        `engine/src/contract must stay isomorphic: "${ref.specifier}" is not allowed (only ${[...CONTRACT_ALLOWED_PACKAGES].join(', ')})`,
      );
    return undefined;
  }
  if (under(ref.file, 'engine')) {
    if (target !== undefined && (under(target, 'renderer') || under(target, 'electron')))
      return fail('engine must not import renderer/ or electron/');
    if (
      pkg !== undefined &&
      (pkg === 'electron' || pkg === 'react' || pkg === 'react-dom' || pkg.startsWith('@electron/'))
    )
      return fail(`engine must not import "${pkg}"`);
    return undefined;
  }
  if (under(ref.file, 'renderer')) {
    if (target !== undefined && !under(target, 'renderer') && !under(target, 'engine/src/contract'))
      return fail('renderer may import only its own files and engine/src/contract');
    if (pkg !== undefined && (isNodeBuiltin(ref.specifier) || NODE_ONLY_PACKAGES.has(pkg)))
      return fail(`renderer runs in the browser: "${ref.specifier}" is Node-only`);
    return undefined;
  }
  if (under(ref.file, 'electron/preload')) {
    if (target !== undefined && !under(target, 'electron/preload') && !under(target, 'engine/src/contract'))
      return fail('preload may import only its own files and engine/src/contract');
    if (pkg !== undefined && pkg !== 'electron')
      return fail(`preload may import only electron, not "${pkg}"`);
    return undefined;
  }
  return undefined;
}
