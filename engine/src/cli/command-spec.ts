// The shape of a CLI command. The root table holds only names, summaries and loaders, so
// that `berth version` imports the code of one command and nothing else (start-up is the
// CLI's floor: see the bench `version` scenario).
import type { Writable } from 'node:stream';
import type { ParsedFlags } from './flag-parser.js';
import type { GlobalOptions } from './global-options.js';

export type FlagType = 'bool' | 'string' | 'int' | 'stringArray' | 'stringSlice';

export interface FlagSpec {
  name: string;
  short?: string;
  type: FlagType;
  /** Shown in help after the flag name, e.g. `string`, `format`. */
  valueName?: string;
  default?: string | number | boolean | string[];
  help: string;
  hidden?: boolean;
}

/** Entry in a command table: enough to list and resolve a command without loading it. */
export interface CommandEntry {
  name: string;
  aliases?: string[];
  summary: string;
  hidden?: boolean;
  /** A group (image, container, system...): its own table of subcommands. */
  subcommands?: () => Promise<CommandEntry[]>;
  /** A leaf: loads the module that declares flags and runs the command. */
  load?: () => Promise<CommandModule>;
}

export interface CommandModule {
  /** Everything after the command path in `Usage:`, e.g. `[options] IMAGE [COMMAND [ARG...]]`. */
  usage: string;
  description?: string;
  examples?: string[];
  flags?: FlagSpec[];
  args?: { min?: number; max?: number };
  /** false: flags stop at the first positional argument (run, exec: the rest is the command). */
  interspersed?: boolean;
  run: (ctx: CommandContext) => Promise<number | void>;
}

export interface CommandContext {
  /** e.g. `berth image ls`, for messages. */
  commandPath: string;
  args: string[];
  flags: ParsedFlags;
  global: GlobalOptions;
  stdout: Writable;
  stderr: Writable;
}
