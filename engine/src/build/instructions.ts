// Parses each raw instruction into a typed one: its `--flags` (only those the instruction takes),
// the exec (JSON) or shell form of commands, and arguments left raw where variables are expanded
// at build time (their values depend on ENV and ARG in effect at that step).
import { BuildSyntaxError } from './build-errors.js';
import type { Heredoc, RawInstruction } from './lexer.js';

export type CommandForm = { form: 'exec'; args: string[] } | { form: 'shell'; command: string };

interface Base {
  line: number;
  /** As written, continuations joined. */
  text: string;
}

export type Instruction = Base &
  (
    | { kind: 'FROM'; image: string; alias?: string; platform?: string }
    | { kind: 'RUN'; command: CommandForm; heredocs: Heredoc[]; network?: string }
    | {
        kind: 'COPY' | 'ADD';
        /** Raw source words (expanded at build time); heredoc names appear as `<<NAME`. */
        sources: string[];
        dest: string;
        from?: string;
        chown?: string;
        chmod?: string;
        checksum?: string;
        heredocs: Heredoc[];
      }
    | { kind: 'ENV' | 'LABEL' | 'ARG'; rest: string }
    | { kind: 'WORKDIR' | 'USER' | 'STOPSIGNAL' | 'MAINTAINER'; value: string }
    | { kind: 'CMD' | 'ENTRYPOINT'; command: CommandForm }
    | { kind: 'EXPOSE' | 'VOLUME'; rest: string }
    | { kind: 'SHELL'; shell: string[] }
    | { kind: 'ONBUILD'; trigger: string }
    | {
        kind: 'HEALTHCHECK';
        /** undefined: `HEALTHCHECK NONE`. */
        test?: string[];
        interval?: number;
        timeout?: number;
        startPeriod?: number;
        startInterval?: number;
        retries?: number;
      }
  );

export const KNOWN_KEYWORDS = new Set([
  'FROM', 'RUN', 'COPY', 'ADD', 'ENV', 'ARG', 'WORKDIR', 'USER', 'CMD', 'ENTRYPOINT', 'EXPOSE',
  'LABEL', 'VOLUME', 'STOPSIGNAL', 'HEALTHCHECK', 'SHELL', 'ONBUILD', 'MAINTAINER',
]); // prettier-ignore

const FLAGS: Record<string, readonly string[]> = {
  FROM: ['platform'],
  RUN: ['network', 'mount', 'security'],
  COPY: ['from', 'chown', 'chmod', 'link', 'parents', 'exclude'],
  ADD: ['chown', 'chmod', 'checksum', 'link', 'keep-git-dir', 'exclude'],
  HEALTHCHECK: ['interval', 'timeout', 'start-period', 'start-interval', 'retries'],
};

/**
 * Flags Docker's language has that Berth's builder does not implement yet. They change what the
 * image contains (a bind or secret mount, --parents, --exclude), so ignoring them would build
 * something else than asked: refused, by file and line. --link is accepted: it only changes how
 * BuildKit caches a COPY, never the files.
 */
const NOT_YET: Record<string, Record<string, string>> = {
  RUN: {
    mount: 'remove it (a cache mount only speeds builds up), or COPY what a bind mount would give',
    security: 'Berth runs build steps with the default confinement only',
  },
  COPY: {
    parents: 'copy each directory to its own destination',
    exclude: 'list the sources to copy, or use .containerignore',
  },
  ADD: {
    'keep-git-dir': 'ADD of git repositories is not supported either: clone the repository into the context',
    exclude: 'list the sources to add, or use .containerignore',
  },
};

/** Leading `--name=value` flags and what follows them. */
function takeFlags(raw: RawInstruction, file: string): { flags: Map<string, string>; rest: string } {
  const flags = new Map<string, string>();
  let rest = raw.rest;
  for (;;) {
    const match = /^--([a-z-]+)(?:=(\S*))?(?:\s+|$)/.exec(rest);
    if (!match) break;
    const name = match[1]!;
    if (!(FLAGS[raw.keyword] ?? []).includes(name))
      throw new BuildSyntaxError(file, raw.line, `unknown flag: --${name} (for ${raw.keyword})`);
    const advice = NOT_YET[raw.keyword]?.[name];
    if (advice)
      throw new BuildSyntaxError(
        file,
        raw.line,
        `${raw.keyword} --${name} is not supported by Berth yet: ${advice}`,
      );
    flags.set(name, match[2] ?? 'true');
    rest = rest.slice(match[0].length);
  }
  return { flags, rest: rest.trim() };
}

/** `["a", "b"]` when the text is a JSON array of strings; undefined otherwise (the shell form). */
export function jsonArray(text: string): string[] | undefined {
  const t = text.trim();
  if (!t.startsWith('[')) return undefined;
  try {
    const parsed = JSON.parse(t) as unknown;
    if (Array.isArray(parsed) && parsed.every((p) => typeof p === 'string')) return parsed;
  } catch {
    // not JSON: Docker then treats the text as the shell form
  }
  return undefined;
}

function commandForm(rest: string): CommandForm {
  const args = jsonArray(rest);
  return args ? { form: 'exec', args } : { form: 'shell', command: rest };
}

/** Go durations as HEALTHCHECK takes them (`30s`, `1m30s`, `500ms`), in nanoseconds. */
export function parseDuration(value: string, what: string, file: string, line: number): number {
  const units: Record<string, number> = { ns: 1, us: 1e3, µs: 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };
  let total = 0;
  let rest = value;
  if (rest === '0') return 0;
  while (rest.length > 0) {
    const match = /^(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/.exec(rest);
    if (!match)
      throw new BuildSyntaxError(file, line, `invalid ${what} duration "${value}": use e.g. 30s or 1m30s`);
    total += Number(match[1]) * units[match[2]!]!;
    rest = rest.slice(match[0].length);
  }
  return Math.round(total);
}

export function parseInstruction(raw: RawInstruction, file: string): Instruction {
  const { keyword, line, text } = raw;
  if (!KNOWN_KEYWORDS.has(keyword)) throw new BuildSyntaxError(file, line, `unknown instruction: ${keyword}`);
  const { flags, rest } = takeFlags(raw, file);
  const needArgs = (min = 1) => {
    if (rest === '' && min > 0)
      throw new BuildSyntaxError(
        file,
        line,
        `${keyword} requires at least ${min} argument${min > 1 ? 's' : ''}`,
      );
  };
  const base = { line, text };
  switch (keyword) {
    case 'FROM': {
      needArgs();
      const words = rest.split(/\s+/);
      if (words.length !== 1 && !(words.length === 3 && words[1]!.toUpperCase() === 'AS'))
        throw new BuildSyntaxError(
          file,
          line,
          `FROM requires either one argument, or three: FROM <source> [AS <name>]`,
        );
      const alias = words[2]?.toLowerCase();
      if (alias !== undefined && !/^[a-z][a-z0-9._-]*$/.test(alias))
        throw new BuildSyntaxError(
          file,
          line,
          `invalid name for build stage: "${words[2]}", name can't start with a number or contain symbols`,
        );
      return { ...base, kind: 'FROM', image: words[0]!, alias, platform: flags.get('platform') };
    }
    case 'RUN':
      if (raw.heredocs.length === 0) needArgs();
      return {
        ...base,
        kind: 'RUN',
        command: commandForm(rest),
        heredocs: raw.heredocs,
        network: flags.get('network'),
      };
    case 'COPY':
    case 'ADD': {
      needArgs();
      const json = jsonArray(rest);
      const words = json ?? rest.split(/\s+/);
      if (words.length < 2)
        throw new BuildSyntaxError(
          file,
          line,
          `${keyword} requires at least two arguments, but only one was provided. Destination could not be determined`,
        );
      if (keyword === 'COPY' && flags.has('checksum'))
        throw new BuildSyntaxError(file, line, 'COPY does not take --checksum: use ADD');
      return {
        ...base,
        kind: keyword,
        sources: words.slice(0, -1),
        dest: words.at(-1)!,
        from: flags.get('from'),
        chown: flags.get('chown'),
        chmod: flags.get('chmod'),
        checksum: flags.get('checksum'),
        heredocs: raw.heredocs,
      };
    }
    case 'ENV':
    case 'LABEL':
    case 'ARG':
      needArgs();
      if (keyword === 'ENV' && !rest.includes('=') && !/\s/.test(rest))
        throw new BuildSyntaxError(file, line, `ENV ${rest} must have two arguments: ENV KEY=value`);
      return { ...base, kind: keyword, rest };
    case 'WORKDIR':
    case 'USER':
    case 'STOPSIGNAL':
    case 'MAINTAINER':
      needArgs();
      return { ...base, kind: keyword, value: rest };
    case 'CMD':
    case 'ENTRYPOINT':
      needArgs(keyword === 'CMD' ? 1 : 0);
      return { ...base, kind: keyword, command: commandForm(rest) };
    case 'EXPOSE':
    case 'VOLUME':
      needArgs();
      return { ...base, kind: keyword, rest };
    case 'SHELL': {
      const shell = jsonArray(rest);
      if (!shell || shell.length === 0)
        throw new BuildSyntaxError(
          file,
          line,
          'SHELL requires the arguments to be in JSON form, e.g. SHELL ["/bin/sh", "-c"]',
        );
      return { ...base, kind: 'SHELL', shell };
    }
    case 'ONBUILD': {
      needArgs();
      const trigger = /^\s*([A-Za-z]+)/.exec(rest)?.[1]?.toUpperCase() ?? '';
      if (trigger === 'ONBUILD' || trigger === 'FROM' || trigger === 'MAINTAINER')
        throw new BuildSyntaxError(file, line, `${trigger} isn't allowed as an ONBUILD trigger`);
      if (!KNOWN_KEYWORDS.has(trigger))
        throw new BuildSyntaxError(file, line, `unknown instruction in ONBUILD: ${trigger}`);
      return { ...base, kind: 'ONBUILD', trigger: rest };
    }
    case 'HEALTHCHECK': {
      needArgs();
      const [word, ...tail] = rest.split(/\s+/);
      const type = word!.toUpperCase();
      if (type === 'NONE') {
        if (tail.length > 0 || flags.size > 0)
          throw new BuildSyntaxError(file, line, 'HEALTHCHECK NONE takes no other arguments');
        return { ...base, kind: 'HEALTHCHECK' };
      }
      if (type !== 'CMD')
        throw new BuildSyntaxError(file, line, `unknown type "${word}" in HEALTHCHECK (try CMD)`);
      const commandText = rest.slice(word!.length).trim();
      if (commandText === '') throw new BuildSyntaxError(file, line, 'HEALTHCHECK CMD requires a command');
      const form = commandForm(commandText);
      const duration = (name: string) => {
        const v = flags.get(name);
        return v === undefined ? undefined : parseDuration(v, `--${name}`, file, line);
      };
      const retries = flags.get('retries');
      if (retries !== undefined && !/^\d+$/.test(retries))
        throw new BuildSyntaxError(file, line, `invalid --retries "${retries}": use a whole number`);
      return {
        ...base,
        kind: 'HEALTHCHECK',
        test: form.form === 'exec' ? ['CMD', ...form.args] : ['CMD-SHELL', form.command],
        interval: duration('interval'),
        timeout: duration('timeout'),
        startPeriod: duration('start-period'),
        startInterval: duration('start-interval'),
        retries: retries === undefined ? undefined : Number(retries),
      };
    }
  }
  throw new BuildSyntaxError(file, line, `unknown instruction: ${keyword}`);
}
