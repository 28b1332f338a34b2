// `--change` instructions (import, and later commit): the Containerfile instructions that only
// touch an image's run config, written `CMD ["sh"]` or `CMD=["sh"]` as podman accepts both.
import { ImageError } from './image-errors.js';

export interface RunConfig {
  User?: string;
  Env?: string[];
  Cmd?: string[];
  Entrypoint?: string[];
  WorkingDir?: string;
  Labels?: Record<string, string>;
  ExposedPorts?: Record<string, object>;
  Volumes?: Record<string, object>;
  StopSignal?: string;
  OnBuild?: string[];
  [other: string]: unknown;
}

const INSTRUCTIONS = [
  'CMD',
  'ENTRYPOINT',
  'ENV',
  'EXPOSE',
  'LABEL',
  'ONBUILD',
  'STOPSIGNAL',
  'USER',
  'VOLUME',
  'WORKDIR',
];

function unquote(value: string): string {
  const v = value.trim();
  return v.length >= 2 && (v[0] === '"' || v[0] === "'") && v.at(-1) === v[0] ? v.slice(1, -1) : v;
}

/** JSON form `["a","b"]`, else the shell form run by /bin/sh -c (as a Containerfile does). */
function commandForm(value: string, change: string): string[] {
  const v = value.trim();
  if (v.startsWith('[')) {
    try {
      const parsed = JSON.parse(v) as unknown;
      if (Array.isArray(parsed) && parsed.every((p) => typeof p === 'string')) return parsed;
    } catch {
      // not JSON: the shell form below
    }
    throw new ImageError(
      `invalid change "${change}": the JSON form must be an array of strings, e.g. ["/bin/sh", "-c", "echo hi"]`,
    );
  }
  return ['/bin/sh', '-c', v];
}

/** `k=v k2="v 2"` or the old one-pair form `k v`. */
function pairs(value: string): [string, string][] {
  const v = value.trim();
  if (!/^[^\s=]+=/.test(v)) {
    const space = v.search(/\s/);
    return space === -1 ? [[v, '']] : [[v.slice(0, space), unquote(v.slice(space + 1))]];
  }
  const out: [string, string][] = [];
  for (const match of v.matchAll(/([^\s=]+)=("(?:[^"\\]|\\.)*"|'[^']*'|\S*)/g))
    out.push([match[1]!, unquote(match[2]!)]);
  return out;
}

export function applyChange(config: RunConfig, change: string): RunConfig {
  const match = /^\s*([A-Za-z]+)(?:\s*=\s*|\s+)([\s\S]*)$/.exec(change);
  const instruction = match?.[1]?.toUpperCase();
  if (!match || !instruction || !INSTRUCTIONS.includes(instruction))
    throw new ImageError(
      `invalid change "${change}": use INSTRUCTION VALUE or INSTRUCTION=VALUE with one of ${INSTRUCTIONS.join(', ')}`,
    );
  const value = match[2]!;
  const next: RunConfig = { ...config };
  switch (instruction) {
    case 'CMD':
      next.Cmd = commandForm(value, change);
      break;
    case 'ENTRYPOINT':
      next.Entrypoint = commandForm(value, change);
      break;
    case 'ENV': {
      const env = [...(config.Env ?? [])];
      for (const [key, val] of pairs(value)) {
        const at = env.findIndex((e) => e.split('=')[0] === key);
        if (at === -1) env.push(`${key}=${val}`);
        else env[at] = `${key}=${val}`;
      }
      next.Env = env;
      break;
    }
    case 'LABEL':
      next.Labels = { ...config.Labels, ...Object.fromEntries(pairs(value)) };
      break;
    case 'EXPOSE': {
      const ports = { ...config.ExposedPorts };
      for (const port of value.trim().split(/\s+/).filter(Boolean))
        ports[port.includes('/') ? port : `${port}/tcp`] = {};
      next.ExposedPorts = ports;
      break;
    }
    case 'VOLUME': {
      const list = value.trim().startsWith('[') ? commandForm(value, change) : value.trim().split(/\s+/);
      next.Volumes = { ...config.Volumes, ...Object.fromEntries(list.map((v) => [v, {}])) };
      break;
    }
    case 'ONBUILD':
      next.OnBuild = [...(config.OnBuild ?? []), value.trim()];
      break;
    case 'STOPSIGNAL':
      next.StopSignal = value.trim();
      break;
    case 'USER':
      next.User = value.trim();
      break;
    case 'WORKDIR':
      next.WorkingDir = value.trim();
      break;
  }
  return next;
}

export function applyChanges(config: RunConfig, changes: readonly string[]): RunConfig {
  return changes.reduce(applyChange, config);
}
