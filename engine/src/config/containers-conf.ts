// The few containers.conf(5) settings Berth honours, read from the files podman reads so that a
// host set up for podman behaves the same: $CONTAINERS_CONF alone when set; otherwise
// /usr/share/containers/containers.conf, /etc/containers/containers.conf, its containers.conf.d
// drop-ins, then (for a user) ~/.config/containers/containers.conf and its drop-ins; a later file
// overrides an earlier one key by key.
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse as parseToml } from 'smol-toml';

export class ContainersConfError extends Error {
  readonly exitCode = 125;
}

export type RootlessNetworkCmd = 'pasta' | 'slirp4netns';

export function containersConfFiles(env: NodeJS.ProcessEnv = process.env, rootless = true): string[] {
  if (env.CONTAINERS_CONF) return [env.CONTAINERS_CONF];
  const withDropIns = (file: string) => [file, ...dropIns(`${file}.d`)];
  const files = ['/usr/share/containers/containers.conf', ...withDropIns('/etc/containers/containers.conf')];
  if (rootless) {
    const configHome = env.XDG_CONFIG_HOME || path.join(env.HOME || os.homedir(), '.config');
    files.push(...withDropIns(path.join(configHome, 'containers', 'containers.conf')));
  }
  return files;
}

function dropIns(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((name) => name.endsWith('.conf'))
      .sort()
      .map((name) => path.join(dir, name));
  } catch {
    return [];
  }
}

/** `[network] default_rootless_network_cmd`: pasta unless a file says slirp4netns. */
export function defaultRootlessNetworkCmd(
  files: readonly string[] = containersConfFiles(),
  readText: (file: string) => string = (file) => readFileSync(file, 'utf8'),
): RootlessNetworkCmd {
  let value: unknown = 'pasta';
  for (const file of files) {
    let text: string;
    try {
      text = readText(file);
    } catch {
      continue; // absent files are normal
    }
    let parsed: Record<string, unknown>;
    try {
      parsed = parseToml(text) as Record<string, unknown>;
    } catch (error) {
      throw new ContainersConfError(
        `parsing ${file}: ${(error as Error).message.split('\n')[0]}: fix the file`,
      );
    }
    const network = parsed.network as Record<string, unknown> | undefined;
    if (network?.default_rootless_network_cmd !== undefined) {
      value = network.default_rootless_network_cmd;
      if (value !== 'pasta' && value !== 'slirp4netns')
        throw new ContainersConfError(
          `${file}: default_rootless_network_cmd = ${JSON.stringify(value)} is not supported: use "pasta" or "slirp4netns"`,
        );
    }
  }
  return value as RootlessNetworkCmd;
}
