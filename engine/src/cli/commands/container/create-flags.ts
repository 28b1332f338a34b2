// The flags `create` and `run` share (podman's names, shorthands and defaults), and their
// translation into the engine's CreateContainerRequest.
import { readFileSync } from 'node:fs';
import type { ContainerMount } from '../../../container/container-config.js';
import type { CreateContainerRequest } from '../../../container/create-container.js';
import { parseMountFlag, parseTmpfsFlag, parseVolumeFlag } from '../../../container/mount-flags.js';
import { parseRestartPolicy } from '../../../container/restart-policy.js';
import { parseAddHost } from '../../../network/container-network.js';
import { parseByteSize } from '../../../container/size-units.js';
import { expandHostEnvFlags, parseEntrypointFlag } from '../../../runtime/command-merge.js';
import { parseUlimitFlag } from '../../../runtime/host-limits.js';
import type { CommandContext, FlagSpec } from '../../command-spec.js';
import { CliError } from '../../usage-error.js';

export const CREATE_FLAGS: FlagSpec[] = [
  { name: 'annotation', type: 'stringArray', help: 'Add annotations to container (key=value)' },
  { name: 'arch', type: 'string', help: 'use ARCH instead of the architecture of the machine for choosing images' },
  { name: 'attach', short: 'a', type: 'stringArray', help: 'Attach to STDIN, STDOUT or STDERR' },
  { name: 'authfile', type: 'string', help: 'Path of the authentication file' },
  { name: 'cap-add', type: 'stringSlice', help: 'Add capabilities to the container' },
  { name: 'cap-drop', type: 'stringSlice', help: 'Drop capabilities from the container' },
  { name: 'cpus', type: 'string', help: 'Number of CPUs. The default is 0.000 which means no limit' },
  { name: 'creds', type: 'string', help: 'Credentials (USERNAME:PASSWORD) to use for pulling the image' },
  { name: 'detach-keys', type: 'string', default: 'ctrl-p,ctrl-q', help: 'Override the key sequence for detaching a container' },
  { name: 'entrypoint', type: 'string', help: 'Overwrite the default ENTRYPOINT of the image' },
  { name: 'env', short: 'e', type: 'stringArray', help: 'Set environment variables in container' },
  { name: 'env-file', type: 'stringArray', help: 'Read in a file of environment variables' },
  { name: 'env-host', type: 'bool', help: 'Use all current host environment variables in container' },
  { name: 'group-add', type: 'stringSlice', help: 'Add additional groups to the primary container process' },
  { name: 'hostname', short: 'h', type: 'string', help: 'Set container hostname' },
  { name: 'init', type: 'bool', help: 'Run an init binary inside the container that forwards signals and reaps processes' },
  { name: 'interactive', short: 'i', type: 'bool', help: 'Make STDIN available to the contained process' },
  { name: 'label', short: 'l', type: 'stringArray', help: 'Set metadata on container' },
  { name: 'label-file', type: 'stringArray', help: 'Read in a line delimited file of labels' },
  { name: 'log-driver', type: 'string', default: 'k8s-file', help: 'Logging driver for the container' },
  { name: 'log-opt', type: 'stringArray', help: 'Logging driver options' },
  { name: 'memory', short: 'm', type: 'string', help: 'Memory limit (format: <number>[<unit>], where unit = b (bytes), k (kibibytes), m (mebibytes), or g (gibibytes))' },
  { name: 'mount', type: 'stringArray', help: 'Attach a filesystem mount to the container' },
  { name: 'name', type: 'string', help: 'Assign a name to the container' },
  { name: 'network', type: 'stringArray', help: 'Connect a container to a network' },
  { name: 'net', type: 'stringArray', help: 'Connect a container to a network', hidden: true },
  // --- networking (engine/src/network) ---
  { name: 'add-host', type: 'stringSlice', help: 'Add a custom host-to-IP mapping (host:ip)' },
  { name: 'dns', type: 'stringSlice', help: 'Set custom DNS servers' },
  { name: 'dns-option', type: 'stringSlice', help: 'Set custom DNS options' },
  { name: 'dns-search', type: 'stringSlice', help: 'Set custom DNS search domains' },
  { name: 'ip', type: 'string', help: 'Specify a static IPv4 address for the container' },
  { name: 'mac-address', type: 'string', help: 'Container MAC address (e.g. 92:d0:c6:0a:29:33)' },
  { name: 'network-alias', type: 'stringArray', help: 'Add network-scoped alias for the container' },
  { name: 'publish-all', short: 'P', type: 'bool', help: 'Publish all exposed ports to random ports on the host interface' },
  // --- end networking ---
  { name: 'os', type: 'string', help: 'use OS instead of the running OS for choosing images' },
  { name: 'pids-limit', type: 'int', default: 2048, help: 'Tune container pids limit (set -1 for unlimited)' },
  { name: 'platform', type: 'string', help: 'Specify the platform for selecting the image' },
  { name: 'pod', type: 'string', help: 'Run container in an existing pod' },
  { name: 'privileged', type: 'bool', help: 'Give extended privileges to container' },
  { name: 'publish', short: 'p', type: 'stringArray', help: "Publish a container's port, or a range of ports, to the host" },
  { name: 'pull', type: 'string', default: 'missing', help: 'Pull image policy ("always"|"missing"|"never"|"newer")' },
  { name: 'quiet', short: 'q', type: 'bool', help: 'Suppress output information when pulling images' },
  { name: 'read-only', type: 'bool', help: "Make containers root filesystem read-only" },
  { name: 'read-only-tmpfs', type: 'bool', default: true, help: 'When running --read-only containers mount read-write tmpfs on /dev, /dev/shm, /run, /tmp and /var/tmp' },
  { name: 'restart', type: 'string', help: 'Restart policy to apply when a container exits ("always"|"no"|"never"|"on-failure"|"unless-stopped")' },
  { name: 'rm', type: 'bool', help: 'Remove container and any anonymous unnamed volume associated with the container after exit' },
  { name: 'security-opt', type: 'stringArray', help: 'Security Options' },
  { name: 'shm-size', type: 'string', default: '65536k', help: 'Size of /dev/shm (format: <number>[<unit>])' },
  { name: 'stop-signal', type: 'string', help: 'Signal to stop a container. Default is SIGTERM' },
  { name: 'stop-timeout', type: 'int', default: 10, help: 'Timeout (in seconds) that containers stopped by user command have to exit. If exceeded, the container will be forcibly stopped via SIGKILL' },
  { name: 'tls-verify', type: 'bool', default: true, help: 'Require HTTPS and verify certificates when contacting registries' },
  { name: 'tmpfs', type: 'stringArray', help: 'Mount a temporary filesystem (tmpfs) into a container' },
  { name: 'tty', short: 't', type: 'bool', help: 'Allocate a pseudo-TTY for container' },
  { name: 'ulimit', type: 'stringArray', help: 'Ulimit options' },
  { name: 'user', short: 'u', type: 'string', help: 'Username or UID (format: <name|uid>[:<group|gid>])' },
  { name: 'variant', type: 'string', help: 'Use VARIANT instead of the running architecture variant for choosing images' },
  { name: 'volume', short: 'v', type: 'stringArray', help: 'Bind mount a volume into the container' },
  { name: 'workdir', short: 'w', type: 'string', help: 'Working directory inside the container' },
]; // prettier-ignore

/** KEY=VALUE lines; `#` comments and blank lines skipped; a bare KEY takes the host's value. */
export function readEnvFile(file: string): string[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new CliError(
      `open ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (error as Error).message}`,
    );
  }
  const entries: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '').trimStart();
    if (line === '' || line.startsWith('#')) continue;
    if (line.startsWith('='))
      throw new CliError(`invalid environment variable "${line}" in ${file}: the name is empty`);
    entries.push(line);
  }
  return expandHostEnvFlags(entries, process.env);
}

function keyValues(entries: readonly string[], what: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of entries) {
    const eq = entry.indexOf('=');
    const key = eq < 0 ? entry : entry.slice(0, eq);
    if (key === '') throw new CliError(`invalid ${what} "${entry}": the key is empty`);
    out[key] = eq < 0 ? '' : entry.slice(eq + 1);
  }
  return out;
}

function labelFileEntries(file: string): string[] {
  try {
    return readFileSync(file, 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '' && !l.startsWith('#'));
  } catch (error) {
    throw new CliError(`open ${file}: ${(error as Error).message}`);
  }
}

function logSizeMax(options: readonly string[]): number {
  let max = 0;
  for (const option of options) {
    const [key, value] = option.split('=', 2) as [string, string | undefined];
    if (key === 'max-size' && value !== undefined)
      max = value === '-1' ? 0 : parseByteSize(value, '--log-opt max-size');
    else
      throw new CliError(
        `--log-opt ${option}: unsupported log option for the k8s-file driver: use max-size=SIZE`,
      );
  }
  return max;
}

function securityOptions(
  options: readonly string[],
): Pick<CreateContainerRequest, 'seccomp' | 'noNewPrivileges'> {
  const out: Pick<CreateContainerRequest, 'seccomp' | 'noNewPrivileges'> = {};
  for (const option of options) {
    if (option === 'seccomp=unconfined' || option === 'seccomp:unconfined') out.seccomp = 'unconfined';
    else if (
      option === 'no-new-privileges' ||
      option === 'no-new-privileges=true' ||
      option === 'no-new-privileges:true'
    )
      out.noNewPrivileges = true;
    else if (option === 'label=disable' || option.startsWith('label=') || option.startsWith('apparmor='))
      continue;
    else
      throw new CliError(
        `--security-opt ${option}: unsupported security option: use seccomp=unconfined, no-new-privileges or label=disable`,
      );
  }
  return out;
}

function cpusFlag(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0)
    throw new CliError(`invalid argument "${value}" for "--cpus" flag: use a number of CPUs such as 0.5`);
  return n;
}

/** The request for `create`/`run`: args[0] is the image, the rest the command. */
export function createRequestFrom(ctx: CommandContext): CreateContainerRequest {
  const f = ctx.flags;
  const [image, ...command] = ctx.args;
  if (f.string('log-driver') && !['k8s-file', 'json-file'].includes(f.string('log-driver')!))
    throw new CliError(`--log-driver ${f.string('log-driver')}: unsupported log driver: use k8s-file`);
  const env = [
    ...(f.bool('env-host') ? expandHostEnvFlags(['*'], process.env) : []),
    ...f.list('env-file').flatMap(readEnvFile),
    ...expandHostEnvFlags(f.list('env'), process.env),
  ];
  const mounts: ContainerMount[] = [
    ...f.list('volume').map((v) => parseVolumeFlag(v)),
    ...f.list('mount').map((v) => parseMountFlag(v)),
    ...f.list('tmpfs').map(parseTmpfsFlag),
  ];
  const pidsLimit = f.int('pids-limit');
  const network = [...f.list('network'), ...f.list('net')].join(',');
  for (const entry of f.list('add-host')) parseAddHost(entry);
  return {
    image: image!,
    command,
    name: f.has('name') ? f.string('name') : undefined,
    entrypoint: f.has('entrypoint') ? parseEntrypointFlag(f.string('entrypoint') ?? '') : undefined,
    env,
    workdir: f.string('workdir') || undefined,
    user: f.has('user') ? f.string('user') : undefined,
    groupAdd: f.list('group-add'),
    hostname: f.string('hostname') || undefined,
    labels: keyValues([...f.list('label-file').flatMap(labelFileEntries), ...f.list('label')], 'label'),
    annotations: keyValues(f.list('annotation'), 'annotation'),
    tty: f.bool('tty'),
    interactive: f.bool('interactive'),
    mounts,
    readOnly: f.bool('read-only'),
    readOnlyTmpfs: f.bool('read-only-tmpfs'),
    privileged: f.bool('privileged'),
    capAdd: f.list('cap-add'),
    capDrop: f.list('cap-drop'),
    memory: f.string('memory') ? parseByteSize(f.string('memory')!, '--memory') : undefined,
    cpus: cpusFlag(f.string('cpus')),
    pidsLimit: f.has('pids-limit') ? pidsLimit : undefined,
    init: f.bool('init'),
    restartPolicy: f.string('restart') ? parseRestartPolicy(f.string('restart')!) : undefined,
    stopSignal: f.string('stop-signal') || undefined,
    stopTimeout: f.int('stop-timeout'),
    autoRemove: f.bool('rm'),
    logSizeMax: logSizeMax(f.list('log-opt')),
    ulimits: f.list('ulimit').map((u) => {
      const limit = parseUlimitFlag(u);
      return { type: limit.type, soft: toStored(limit.soft), hard: toStored(limit.hard) };
    }),
    shmSize: f.has('shm-size') ? parseByteSize(f.string('shm-size')!, '--shm-size') : undefined,
    ...securityOptions(f.list('security-opt')),
    networkMode: network || undefined,
    publish: f.list('publish'),
    publishAll: f.bool('publish-all'),
    networkAliases: f.list('network-alias'),
    ip: f.string('ip') || undefined,
    mac: f.string('mac-address') || undefined,
    dns: f.list('dns'),
    dnsSearch: f.list('dns-search'),
    dnsOptions: f.list('dns-option'),
    addHosts: f.list('add-host'),
    pod: f.string('pod') || undefined,
    runtime: ctx.global.runtime,
  };
}

/** Unlimited is stored as -1 (JSON has no Infinity). */
function toStored(value: number): number {
  return Number.isFinite(value) ? value : -1;
}
