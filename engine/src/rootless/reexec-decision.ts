// Decides, before anything heavy is loaded, whether this CLI process must move into the rootless
// namespace first: a non-root user outside it, running a command that touches the local store.
// Plain `version` and help need nothing from the namespace (and stay fast); a remote connection
// (--url, --connection) talks to a service, not to the local store.
import { inRootlessNamespace } from './rootless-env.js';

const OUTSIDE_COMMANDS = new Set(['version', 'help']);
const OUTSIDE_FLAGS = new Set([
  '--version',
  '-v',
  '--help',
  '-h',
  '--url',
  '--connection',
  '-c',
  '--remote',
  '-r',
]);
/** Global flags that take a value as the next argument (global-options.ts). */
const VALUE_FLAGS = new Set([
  '--root',
  '--runroot',
  '--log-level',
  '--storage-driver',
  '--storage-opt',
  '--runtime',
  '--cgroup-manager',
  '--events-backend',
  '--connection',
  '-c',
  '--url',
  '--tmpdir',
  '--identity',
]);

export function needsRootlessNamespace(argv: readonly string[]): boolean {
  if (typeof process.getuid !== 'function' || process.getuid() === 0) return false;
  if (inRootlessNamespace()) return false;
  // Only the global flags before the command count (`run busybox sh -c ...` has a -c of its own).
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('-')) return !OUTSIDE_COMMANDS.has(arg);
    const name = arg.split('=')[0]!;
    if (OUTSIDE_FLAGS.has(name)) return false;
    if (VALUE_FLAGS.has(name) && !arg.includes('=')) i++;
  }
  return false;
}
