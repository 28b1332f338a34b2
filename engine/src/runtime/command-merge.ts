// How an image's Entrypoint/Cmd/Env combine with what the user asked for, by podman's and
// docker's rules (they agree): scripts and compose files depend on these exact semantics.

export class NoCommandError extends Error {
  readonly exitCode = 125;
  constructor() {
    super(
      'no command or entrypoint provided, and no CMD or ENTRYPOINT from image: give a command after the image name',
    );
  }
}

export interface CommandSources {
  imageEntrypoint?: readonly string[] | null;
  imageCmd?: readonly string[] | null;
  /** `--entrypoint` as parsed by parseEntrypointFlag; undefined when the flag was not given. */
  entrypoint?: readonly string[];
  /** The words after the image name; empty or undefined when none were given. */
  command?: readonly string[];
}

/**
 * The argv of the container's process.
 * - The user's --entrypoint replaces the image's; `--entrypoint ""` (parsed as [""]) means none.
 * - The user's command replaces the image's Cmd.
 * - Giving --entrypoint at all drops the image's Cmd: it was written for the image's entrypoint.
 */
export function resolveProcessArgs(sources: CommandSources): string[] {
  const entrypoint = sources.entrypoint ?? sources.imageEntrypoint ?? [];
  const args: string[] = [];
  const emptyEntrypoint = entrypoint.length === 1 && entrypoint[0] === '';
  if (!emptyEntrypoint) args.push(...entrypoint);
  let command = sources.command ?? [];
  if (command.length === 0 && sources.entrypoint === undefined) command = sources.imageCmd ?? [];
  args.push(...command);
  if (args.length === 0) throw new NoCommandError();
  return args;
}

/** `--entrypoint '["/bin/sh","-c"]'` is a JSON array; any other value is one word (podman). */
export function parseEntrypointFlag(value: string): string[] {
  const trimmed = value.trim();
  if (trimmed.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      if (Array.isArray(parsed) && parsed.every((v) => typeof v === 'string')) return parsed as string[];
    } catch {
      // not JSON: fall through and take it as one word, as podman does
    }
  }
  return [value];
}

/** The variable name of a `NAME=value` entry (the whole entry when there is no `=`). */
export function envName(entry: string): string {
  const eq = entry.indexOf('=');
  return eq < 0 ? entry : entry.slice(0, eq);
}

/**
 * Merges `NAME=value` lists; a later list overrides an earlier one by name, and a variable keeps
 * the position where it first appeared (docker's and podman's order). Entries without `=` are
 * dropped here: resolve them against the host first with expandHostEnvFlags.
 */
export function mergeEnv(...layers: ReadonlyArray<readonly string[] | undefined | null>): string[] {
  const merged = new Map<string, string>();
  for (const layer of layers) {
    for (const entry of layer ?? []) {
      if (!entry.includes('=')) continue;
      const name = envName(entry);
      if (name === '') continue;
      merged.set(name, entry);
    }
  }
  return [...merged.values()];
}

/**
 * `-e NAME` takes NAME from the host and is left out when the host lacks it; `-e 'PREFIX*'`
 * takes every host variable starting with PREFIX (podman). `NAME=value` passes through.
 */
export function expandHostEnvFlags(flags: readonly string[], hostEnv: NodeJS.ProcessEnv): string[] {
  const out: string[] = [];
  for (const flag of flags) {
    if (flag.includes('=')) {
      out.push(flag);
    } else if (flag.endsWith('*')) {
      const prefix = flag.slice(0, -1);
      for (const [name, value] of Object.entries(hostEnv)) {
        if (name.startsWith(prefix) && value !== undefined) out.push(`${name}=${value}`);
      }
    } else if (hostEnv[flag] !== undefined) {
      out.push(`${flag}=${hostEnv[flag]}`);
    }
  }
  return out;
}

/** The value of NAME in a `NAME=value` list, or undefined. */
export function envValue(env: readonly string[], name: string): string | undefined {
  for (let i = env.length - 1; i >= 0; i--) {
    const entry = env[i]!;
    if (envName(entry) === name && entry.includes('=')) return entry.slice(name.length + 1);
  }
  return undefined;
}

/** The environment every container starts from, below the image's and the user's (podman's containers.conf default). */
export const DEFAULT_CONTAINER_ENV = [
  'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
  'TERM=xterm',
];
