// Flags that every command accepts, before or after its name, as podman's persistent flags.
import type { FlagSpec } from './command-spec.js';
import type { ParsedFlags } from './flag-parser.js';
import { CliError } from './usage-error.js';
import { LOG_LEVELS, type LogLevel } from '../util/logger.js';

export interface GlobalOptions {
  root?: string;
  runroot?: string;
  logLevel: LogLevel;
  storageDriver?: string;
  storageOpts: string[];
  runtime?: string;
  cgroupManager?: string;
  eventsBackend?: string;
  connection?: string;
  url?: string;
  /** --remote: use the default connection (`system connection default`). */
  remote?: boolean;
  tmpdir?: string;
}

export const GLOBAL_FLAGS: FlagSpec[] = [
  {
    name: 'root',
    type: 'string',
    help: 'Path to the root directory in which data, including images, is stored',
  },
  {
    name: 'runroot',
    type: 'string',
    help: "Path to the 'run directory' where all state information is stored",
  },
  {
    name: 'log-level',
    type: 'string',
    default: 'warn',
    help: 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)',
  },
  {
    name: 'storage-driver',
    type: 'string',
    help: 'Select which storage driver is used to manage storage of images and containers',
  },
  { name: 'storage-opt', type: 'stringArray', help: 'Used to pass an option to the storage driver' },
  { name: 'runtime', type: 'string', help: 'Path to the OCI-compatible binary used to run containers' },
  { name: 'cgroup-manager', type: 'string', help: 'Cgroup manager to use ("cgroupfs"|"systemd")' },
  { name: 'events-backend', type: 'string', help: 'Events backend to use ("file"|"none")' },
  { name: 'connection', short: 'c', type: 'string', help: 'Connection to use for remote Berth service' },
  { name: 'url', type: 'string', help: 'URL to access Berth service' },
  { name: 'remote', short: 'r', type: 'bool', help: 'Access remote Berth service' },
  { name: 'tmpdir', type: 'string', help: 'Path to the tmp directory for libpod state content' },
  {
    name: 'syslog',
    type: 'bool',
    help: 'Output logging information to syslog as well as the console',
    hidden: true,
  },
  { name: 'help', short: 'h', type: 'bool', help: 'Help for berth' },
];

export function globalOptionsFrom(flags: ParsedFlags, base?: GlobalOptions): GlobalOptions {
  const pick = (name: string, previous: string | undefined): string | undefined =>
    flags.has(name) ? flags.string(name) : previous;
  const logLevelRaw = flags.has('log-level')
    ? (flags.string('log-level') ?? 'warn')
    : (base?.logLevel ?? 'warn');
  const logLevel = (logLevelRaw === 'warning' ? 'warn' : logLevelRaw) as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) throw new CliError(`"${logLevelRaw}" is not a valid log level`);
  return {
    root: pick('root', base?.root),
    runroot: pick('runroot', base?.runroot),
    logLevel,
    storageDriver: pick('storage-driver', base?.storageDriver),
    storageOpts: flags.has('storage-opt') ? flags.list('storage-opt') : (base?.storageOpts ?? []),
    runtime: pick('runtime', base?.runtime),
    cgroupManager: pick('cgroup-manager', base?.cgroupManager),
    eventsBackend: pick('events-backend', base?.eventsBackend),
    connection: pick('connection', base?.connection),
    url: pick('url', base?.url),
    remote: flags.has('remote') ? flags.bool('remote') : base?.remote,
    tmpdir: pick('tmpdir', base?.tmpdir),
  };
}
