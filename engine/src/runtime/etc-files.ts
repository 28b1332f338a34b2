// /etc/hosts, /etc/resolv.conf and /etc/hostname for a container, written by the engine into the
// container's run directory and bind-mounted over the image's files, so that the image is never
// modified and every container sees its own name and DNS settings.
// The files are written synchronously: they are a few hundred bytes each, on the way to the
// container's start; through the thread pool each step waited for a turn of the event loop
// (a dozen of them, a few ms in all).
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface EtcFilesRequest {
  /** Directory under the store's runRoot owned by this container. */
  runDir: string;
  hostname: string;
  /** Extra `--add-host name:ip` entries. */
  extraHosts?: ReadonlyArray<{ name: string; address: string }>;
  /** The container's own addresses (once networking gives it some), mapped to its hostname. */
  addresses?: readonly string[];
  /** --dns / --dns-search / --dns-option; when absent the host's resolv.conf is the base. */
  dnsServers?: readonly string[];
  dnsSearch?: readonly string[];
  dnsOptions?: readonly string[];
  /** The container shares the host's network: loopback name servers are reachable, keep them. */
  hostNetwork?: boolean;
  /** The host's resolv.conf text (tests pass their own); read from /etc/resolv.conf otherwise. */
  hostResolvConf?: string;
}

export interface EtcFiles {
  hosts: string;
  resolvConf: string;
  hostname: string;
}

/** docker and podman fall back to these when the host only has a local resolver. */
const FALLBACK_DNS = ['8.8.8.8', '8.8.4.4'];

export function hostsContent(request: EtcFilesRequest): string {
  const lines = ['127.0.0.1\tlocalhost localhost.localdomain', '::1\tlocalhost localhost.localdomain'];
  for (const h of request.extraHosts ?? []) lines.push(`${h.address}\t${h.name}`);
  const own = request.addresses && request.addresses.length > 0 ? request.addresses : ['127.0.1.1'];
  for (const address of own) lines.push(`${address}\t${request.hostname}`);
  return lines.join('\n') + '\n';
}

export function resolvConfContent(request: EtcFilesRequest): string {
  let hostText = request.hostResolvConf;
  if (hostText === undefined) {
    try {
      hostText = readFileSync('/etc/resolv.conf', 'utf8');
    } catch {
      hostText = '';
    }
  }
  const hostServers: string[] = [];
  const hostSearch: string[] = [];
  const hostOptions: string[] = [];
  for (const raw of hostText.split('\n')) {
    const [key, ...rest] = raw.trim().split(/\s+/);
    if (key === 'nameserver' && rest[0]) hostServers.push(rest[0]);
    else if (key === 'search' || key === 'domain') hostSearch.push(...rest);
    else if (key === 'options') hostOptions.push(...rest);
  }
  let servers = request.dnsServers?.length ? [...request.dnsServers] : hostServers;
  // A 127.x resolver (systemd-resolved, dnsmasq) is the host's loopback, not the container's.
  if (!request.hostNetwork) servers = servers.filter((s) => !s.startsWith('127.') && s !== '::1');
  if (servers.length === 0) servers = FALLBACK_DNS;
  const search = request.dnsSearch?.length ? request.dnsSearch.filter((s) => s !== '.') : hostSearch;
  const options = request.dnsOptions?.length ? request.dnsOptions : hostOptions;
  const lines: string[] = [];
  if (search.length > 0) lines.push(`search ${search.join(' ')}`);
  for (const s of servers) lines.push(`nameserver ${s}`);
  if (options.length > 0) lines.push(`options ${options.join(' ')}`);
  return lines.join('\n') + '\n';
}

/** Writes the three files (atomically: a rename, so a running container never sees half a file). */
export function writeEtcFiles(request: EtcFilesRequest): EtcFiles {
  mkdirSync(request.runDir, { recursive: true, mode: 0o700 });
  const files: EtcFiles = {
    hosts: path.join(request.runDir, 'hosts'),
    resolvConf: path.join(request.runDir, 'resolv.conf'),
    hostname: path.join(request.runDir, 'hostname'),
  };
  atomicWrite(files.hosts, hostsContent(request));
  atomicWrite(files.resolvConf, resolvConfContent(request));
  atomicWrite(files.hostname, `${request.hostname}\n`);
  return files;
}

/**
 * Rewrites the files of a container created but not yet started, in place: the runtime has
 * bind-mounted these very inodes into its root filesystem, so a rename would leave the
 * container with the old ones.
 */
export function rewriteEtcFiles(files: EtcFiles, request: EtcFilesRequest): void {
  writeFileSync(files.hosts, hostsContent(request));
  writeFileSync(files.resolvConf, resolvConfContent(request));
}

function atomicWrite(file: string, content: string): void {
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, content, { mode: 0o644 });
  renameSync(tmp, file);
}
