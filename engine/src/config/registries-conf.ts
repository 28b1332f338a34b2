// containers-registries.conf(5), the file podman and buildah read, so that a machine set up for
// podman (search registries, mirrors, insecure or blocked registries) works the same with Berth.
// Sources, later ones overriding earlier ones entry by entry:
//   $CONTAINERS_REGISTRIES_CONF alone when set; otherwise
//   /etc/containers/registries.conf (or ~/.config/containers/registries.conf when that exists),
//   then the drop-ins registries.conf.d/*.conf beside each, in name order.
// Both the v2 format ([[registry]] tables) and the old v1 format ([registries.search] ...) load.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse as parseToml } from 'smol-toml';

export interface RegistryEndpoint {
  /** host[:port][/path] that replaces the matched prefix. */
  location: string;
  insecure: boolean;
  /**
   * Set when the file wrote `insecure` either way: an explicit `insecure = false` turns off the
   * loopback default (isLoopbackHost), so that a local registry's certificate is verified.
   */
  insecureExplicit?: true;
}

export interface RegistryEntry extends RegistryEndpoint {
  /** What the entry applies to: `host[:port][/path]` or `*.domain`. */
  prefix: string;
  blocked: boolean;
  mirrors: RegistryEndpoint[];
  /** Use the mirrors only for references by digest (a tag on a mirror may be stale). */
  mirrorByDigestOnly: boolean;
}

export interface RegistriesConf {
  unqualifiedSearchRegistries: string[];
  shortNameMode: string;
  registries: RegistryEntry[];
  /** The files that were read, for messages ("... no search registries in <files>"). */
  sources: string[];
}

export class RegistriesConfError extends Error {
  readonly exitCode = 125;
}

export const SYSTEM_REGISTRIES_CONF = '/etc/containers/registries.conf';

export function userRegistriesConf(env: NodeJS.ProcessEnv = process.env): string {
  const configHome = env.XDG_CONFIG_HOME || path.join(env.HOME || os.homedir(), '.config');
  return path.join(configHome, 'containers', 'registries.conf');
}

/** The files to read, in order, following podman's rules. */
export function registriesConfFiles(env: NodeJS.ProcessEnv = process.env): string[] {
  if (env.CONTAINERS_REGISTRIES_CONF) return [env.CONTAINERS_REGISTRIES_CONF];
  const user = userRegistriesConf(env);
  const main = existsSync(user) ? user : SYSTEM_REGISTRIES_CONF;
  const files = existsSync(main) ? [main] : [];
  for (const dropInDir of [`${SYSTEM_REGISTRIES_CONF}.d`, `${user}.d`]) {
    let names: string[];
    try {
      names = readdirSync(dropInDir)
        .filter((n) => n.endsWith('.conf'))
        .sort();
    } catch {
      continue;
    }
    files.push(...names.map((n) => path.join(dropInDir, n)));
  }
  return files;
}

type TomlTable = Record<string, unknown>;

function asString(value: unknown, where: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new RegistriesConfError(`${where} must be a string`);
  return value;
}

function asBool(value: unknown, where: string): boolean | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') throw new RegistriesConfError(`${where} must be true or false`);
  return value;
}

function asStringList(value: unknown, where: string): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string'))
    throw new RegistriesConfError(`${where} must be a list of strings`);
  return value as string[];
}

/** Strips a scheme a user may have written (`https://quay.io`) and trailing slashes. */
function cleanLocation(location: string): string {
  return location.replace(/^[a-z]+:\/\//, '').replace(/\/+$/, '');
}

function parseEntry(raw: TomlTable, file: string, index: number): RegistryEntry {
  const where = `${file}: [[registry]] #${index + 1}`;
  const location = cleanLocation(asString(raw.location, `${where} location`) ?? '');
  const prefix = cleanLocation(asString(raw.prefix, `${where} prefix`) ?? location);
  if (prefix === '')
    throw new RegistriesConfError(
      `${where} has neither a prefix nor a location: add location = "host[:port]"`,
    );
  if (prefix.startsWith('*.') && location === '' && raw.mirror !== undefined)
    throw new RegistriesConfError(
      `${where}: a wildcard prefix "${prefix}" cannot have mirrors without a location`,
    );
  const mirrorsRaw = raw.mirror === undefined ? [] : raw.mirror;
  if (!Array.isArray(mirrorsRaw))
    throw new RegistriesConfError(`${where} mirror must be a list of [[registry.mirror]] tables`);
  const mirrors = mirrorsRaw.map((m: TomlTable, i) => {
    const mirrorLocation = cleanLocation(asString(m.location, `${where} mirror #${i + 1} location`) ?? '');
    if (mirrorLocation === '') throw new RegistriesConfError(`${where} mirror #${i + 1} has no location`);
    return {
      location: mirrorLocation,
      insecure: asBool(m.insecure, `${where} mirror #${i + 1} insecure`) ?? false,
      ...(m.insecure !== undefined && { insecureExplicit: true as const }),
    };
  });
  return {
    prefix,
    location: location || prefix,
    insecure: asBool(raw.insecure, `${where} insecure`) ?? false,
    ...(raw.insecure !== undefined && { insecureExplicit: true as const }),
    blocked: asBool(raw.blocked, `${where} blocked`) ?? false,
    mirrors,
    mirrorByDigestOnly: asBool(raw['mirror-by-digest-only'], `${where} mirror-by-digest-only`) ?? false,
  };
}

/** The v1 format: [registries.search] registries = [...], likewise .insecure and .block. */
function parseV1(table: TomlTable, file: string): { search?: string[]; entries: RegistryEntry[] } {
  const section = table.registries as Record<string, TomlTable | undefined>;
  const list = (name: string) =>
    asStringList(section[name]?.registries, `${file}: [registries.${name}] registries`) ?? [];
  const entries = new Map<string, RegistryEntry>();
  const entry = (host: string): RegistryEntry => {
    let e = entries.get(host);
    if (!e) {
      e = {
        prefix: host,
        location: host,
        insecure: false,
        blocked: false,
        mirrors: [],
        mirrorByDigestOnly: false,
      };
      entries.set(host, e);
    }
    return e;
  };
  for (const host of list('insecure')) entry(host).insecure = true;
  for (const host of list('block')) entry(host).blocked = true;
  return { search: section.search ? list('search') : undefined, entries: [...entries.values()] };
}

/** Parses one file's text; `file` names it in errors. */
export function parseRegistriesConf(
  text: string,
  file: string,
): { search?: string[]; shortNameMode?: string; entries: RegistryEntry[] } {
  let table: TomlTable;
  try {
    table = parseToml(text) as TomlTable;
  } catch (error) {
    throw new RegistriesConfError(
      `parsing ${file}: ${(error as Error).message.split('\n')[0]}: fix the TOML syntax`,
    );
  }
  if (table.registries !== undefined && !Array.isArray(table.registries) && table.registry === undefined)
    return parseV1(table, file);
  const rawEntries = table.registry === undefined ? [] : table.registry;
  if (!Array.isArray(rawEntries))
    throw new RegistriesConfError(`${file}: registry must be written as [[registry]] tables`);
  return {
    search: asStringList(
      table['unqualified-search-registries'],
      `${file}: unqualified-search-registries`,
    )?.map(cleanLocation),
    shortNameMode: asString(table['short-name-mode'], `${file}: short-name-mode`),
    entries: rawEntries.map((raw: TomlTable, i) => parseEntry(raw, file, i)),
  };
}

/** Reads and merges every registries.conf that applies, as podman does. */
export function loadRegistriesConf(env: NodeJS.ProcessEnv = process.env): RegistriesConf {
  const conf: RegistriesConf = {
    unqualifiedSearchRegistries: [],
    shortNameMode: 'permissive',
    registries: [],
    sources: [],
  };
  for (const file of registriesConfFiles(env)) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      // An explicit CONTAINERS_REGISTRIES_CONF that cannot be read is a user error worth reporting.
      if (file === env.CONTAINERS_REGISTRIES_CONF)
        throw new RegistriesConfError(
          `reading registries configuration ${file}: ${(error as Error).message}`,
        );
      continue;
    }
    const parsed = parseRegistriesConf(text, file);
    conf.sources.push(file);
    if (parsed.search !== undefined) conf.unqualifiedSearchRegistries = parsed.search;
    if (parsed.shortNameMode !== undefined) conf.shortNameMode = parsed.shortNameMode;
    for (const entry of parsed.entries) {
      // A drop-in entry with the same prefix replaces the earlier one.
      conf.registries = conf.registries.filter((e) => e.prefix !== entry.prefix);
      conf.registries.push(entry);
    }
  }
  return conf;
}

/** Whether `prefix` covers `name` (`host/repo/...`): on path boundaries, `*.` for subdomains. */
function prefixMatches(prefix: string, name: string): number {
  if (prefix.startsWith('*.')) {
    const host = name.split('/')[0]!.replace(/:\d+$/, '');
    return host.endsWith(prefix.slice(1)) ? prefix.length : -1;
  }
  if (
    name === prefix ||
    name.startsWith(`${prefix}/`) ||
    name.startsWith(`${prefix}:`) ||
    name.startsWith(`${prefix}@`)
  )
    return prefix.length;
  return -1;
}

/** The most specific [[registry]] entry for a fully-qualified name, if any. */
export function findRegistryEntry(conf: RegistriesConf, name: string): RegistryEntry | undefined {
  let best: RegistryEntry | undefined;
  let bestLength = -1;
  for (const entry of conf.registries) {
    const length = prefixMatches(entry.prefix, name);
    if (length > bestLength) {
      best = entry;
      bestLength = length;
    }
  }
  return best;
}

/** Whether a registry host is on the loopback network, which Docker treats as insecure by default. */
export function isLoopbackHost(hostPort: string): boolean {
  let host = hostPort;
  if (host.startsWith('[')) host = host.slice(1, host.indexOf(']'));
  else host = host.replace(/:\d+$/, '');
  return host === 'localhost' || host === '::1' || /^127(?:\.\d{1,3}){3}$/.test(host);
}

/**
 * Whether plain HTTP and unverified TLS are allowed for `registry` when --tls-verify was not
 * given: what registries.conf says, else Docker's default of insecure loopback registries.
 */
export function insecureByDefault(registry: string, endpoint: RegistryEndpoint | undefined): boolean {
  if (endpoint?.insecureExplicit) return endpoint.insecure;
  return (endpoint?.insecure ?? false) || isLoopbackHost(registry);
}

/** One place to pull `repository` from: a mirror or the registry itself. */
export interface PullSource {
  /** host[:port] */
  registry: string;
  /** repository path inside that registry */
  repository: string;
  /** Plain HTTP and unverified TLS are allowed. */
  insecure: boolean;
  mirror: boolean;
}

/**
 * Where to pull a fully-qualified repository (`host/path`) from, in order: the entry's mirrors,
 * then its location. `tlsVerify` false forces insecure; true forbids it even on loopback.
 * Throws when the registry is blocked.
 */
export function pullSources(
  conf: RegistriesConf,
  repository: string,
  byDigest: boolean,
  tlsVerify?: boolean,
): PullSource[] {
  const entry = findRegistryEntry(conf, repository);
  if (entry?.blocked)
    throw new RegistriesConfError(
      `registry for "${repository}" is blocked in registries.conf (${conf.sources.join(', ')}): remove blocked = true to pull from it`,
    );
  const wildcard = entry?.prefix.startsWith('*.') ?? false;
  const host = repository.split('/')[0]!;
  // The matched prefix is replaced by the location; a wildcard entry replaces only the host.
  const rewrite = (location: string): { registry: string; repository: string } => {
    const full =
      entry === undefined
        ? repository
        : `${location}${repository.slice(wildcard ? host.length : entry.prefix.length)}`;
    const slash = full.indexOf('/');
    return { registry: full.slice(0, slash), repository: full.slice(slash + 1) };
  };
  const insecureFor = (registry: string, configured: RegistryEndpoint | undefined): boolean =>
    tlsVerify === undefined ? insecureByDefault(registry, configured) : !tlsVerify;
  const sources: PullSource[] = [];
  if (entry && (!entry.mirrorByDigestOnly || byDigest)) {
    for (const mirror of entry.mirrors) {
      const target = rewrite(mirror.location);
      sources.push({ ...target, insecure: insecureFor(target.registry, mirror), mirror: true });
    }
  }
  const target = entry && !wildcard ? rewrite(entry.location) : rewrite(host);
  sources.push({
    ...target,
    insecure: insecureFor(target.registry, entry),
    mirror: false,
  });
  return sources;
}
