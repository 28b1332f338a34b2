// A pflag-compatible flag parser. Podman's CLI is built on cobra/pflag, and scripts depend on
// its exact rules, which general-purpose JS parsers do not follow:
//   --name value | --name=value | -n value | -nvalue | -n=value | -abc (clustered booleans)
//   --bool=false, repeatable flags (stringArray keeps commas, stringSlice splits them),
//   `--` ends flags, and with interspersed=false the first positional ends flags (run IMAGE CMD...).
import type { FlagSpec } from './command-spec.js';
import { CliError } from './usage-error.js';

export type FlagValue = string | number | boolean | string[];

export class ParsedFlags {
  /** Names of the flags the user actually set (for `changed` semantics). */
  readonly changed = new Set<string>();
  constructor(private readonly values: Map<string, FlagValue>) {}

  has(name: string): boolean {
    return this.changed.has(name);
  }
  bool(name: string): boolean {
    return this.values.get(name) === true;
  }
  string(name: string): string | undefined {
    const v = this.values.get(name);
    return typeof v === 'string' ? v : undefined;
  }
  int(name: string): number | undefined {
    const v = this.values.get(name);
    return typeof v === 'number' ? v : undefined;
  }
  list(name: string): string[] {
    const v = this.values.get(name);
    return Array.isArray(v) ? v : [];
  }
}

export interface ParseResult {
  flags: ParsedFlags;
  positionals: string[];
  help: boolean;
}

const TRUE_WORDS = new Set(['1', 't', 'T', 'true', 'TRUE', 'True']);
const FALSE_WORDS = new Set(['0', 'f', 'F', 'false', 'FALSE', 'False']);

function defaultValue(spec: FlagSpec): FlagValue {
  if (spec.default !== undefined) return Array.isArray(spec.default) ? [...spec.default] : spec.default;
  switch (spec.type) {
    case 'bool':
      return false;
    case 'stringArray':
    case 'stringSlice':
      return [];
    case 'int':
      return 0;
    case 'string':
      return '';
  }
}

function displayName(spec: FlagSpec, viaShort: boolean): string {
  return viaShort ? `'${spec.short}' in -${spec.short}` : `--${spec.name}`;
}

export class FlagParser {
  private readonly byName = new Map<string, FlagSpec>();
  private readonly byShort = new Map<string, FlagSpec>();

  constructor(specs: readonly FlagSpec[]) {
    // First definition wins: a command's own flags come before the global ones, so that `run -h`
    // is --hostname (as in podman) while `-h` elsewhere is --help.
    for (const spec of specs) {
      if (!this.byName.has(spec.name)) this.byName.set(spec.name, spec);
      if (spec.short && !this.byShort.has(spec.short)) this.byShort.set(spec.short, spec);
    }
  }

  /** Parses argv. Unknown flags and missing values are usage errors (exit 125). */
  parse(argv: readonly string[], interspersed = true): ParseResult {
    const values = new Map<string, FlagValue>();
    for (const spec of this.byName.values()) values.set(spec.name, defaultValue(spec));
    const flags = new ParsedFlags(values);
    const positionals: string[] = [];
    let help = false;
    const repeated = new Set<string>();

    const assign = (spec: FlagSpec, raw: string | undefined, viaShort: boolean): void => {
      flags.changed.add(spec.name);
      switch (spec.type) {
        case 'bool': {
          if (raw === undefined || TRUE_WORDS.has(raw)) values.set(spec.name, true);
          else if (FALSE_WORDS.has(raw)) values.set(spec.name, false);
          else
            throw new CliError(
              `invalid argument "${raw}" for "${displayName(spec, viaShort)}" flag: strconv.ParseBool: parsing "${raw}": invalid syntax`,
            );
          return;
        }
        case 'int': {
          const n = Number(raw);
          if (raw === undefined || raw.trim() === '' || !Number.isInteger(n))
            throw new CliError(
              `invalid argument "${raw ?? ''}" for "${displayName(spec, viaShort)}" flag: strconv.ParseInt: parsing "${raw ?? ''}": invalid syntax`,
            );
          values.set(spec.name, n);
          return;
        }
        case 'string':
          values.set(spec.name, raw ?? '');
          return;
        case 'stringArray':
        case 'stringSlice': {
          // The first explicit use replaces the default, later uses append (pflag semantics).
          const previous = repeated.has(spec.name) ? (values.get(spec.name) as string[]) : [];
          repeated.add(spec.name);
          const items =
            spec.type === 'stringSlice' ? (raw ?? '').split(',').filter((s) => s !== '') : [raw ?? ''];
          values.set(spec.name, [...previous, ...items]);
          return;
        }
      }
    };

    for (let i = 0; i < argv.length; i++) {
      const arg = argv[i]!;
      if (arg === '--') {
        positionals.push(...argv.slice(i + 1));
        break;
      }
      if (arg.startsWith('--')) {
        const eq = arg.indexOf('=');
        const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
        const inline = eq === -1 ? undefined : arg.slice(eq + 1);
        if (name === 'help' && !this.byName.has('help')) {
          help = true;
          continue;
        }
        const spec = this.byName.get(name);
        if (!spec) throw new CliError(`unknown flag: --${name}`);
        if (spec.type === 'bool' || inline !== undefined) {
          assign(spec, inline, false);
        } else {
          if (i + 1 >= argv.length) throw new CliError(`flag needs an argument: --${name}`);
          assign(spec, argv[++i], false);
        }
        continue;
      }
      if (arg.startsWith('-') && arg.length > 1) {
        // A cluster of shorthands: booleans until one that takes a value, which eats the rest.
        for (let j = 1; j < arg.length; j++) {
          const ch = arg[j]!;
          if (ch === 'h' && !this.byShort.has('h')) {
            help = true;
            continue;
          }
          const spec = this.byShort.get(ch);
          if (!spec) throw new CliError(`unknown shorthand flag: '${ch}' in ${arg}`);
          const rest = arg.slice(j + 1);
          if (spec.type === 'bool') {
            if (rest.startsWith('=')) {
              assign(spec, rest.slice(1), true);
              break;
            }
            assign(spec, undefined, true);
            continue;
          }
          if (rest.length > 0) {
            assign(spec, rest.startsWith('=') ? rest.slice(1) : rest, true);
          } else {
            if (i + 1 >= argv.length) throw new CliError(`flag needs an argument: '${ch}' in -${ch}`);
            assign(spec, argv[++i], true);
          }
          break;
        }
        continue;
      }
      positionals.push(arg);
      if (!interspersed) {
        positionals.push(...argv.slice(i + 1));
        break;
      }
    }
    return { flags, positionals, help };
  }
}
