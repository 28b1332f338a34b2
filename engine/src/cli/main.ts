// The `berth` entry point: resolves the command path, parses flags the way podman does, runs the
// command, and turns failures into podman's `Error: ` lines and exit codes (125/126/127).
import type { Writable } from 'node:stream';
import type { CommandContext, CommandEntry } from './command-spec.js';
import { FlagParser } from './flag-parser.js';
import { GLOBAL_FLAGS, globalOptionsFrom, type GlobalOptions } from './global-options.js';
import { groupHelp, leafHelp } from './help-text.js';
import { ROOT_COMMANDS } from './commands/root-table.js';
import { CliError, EXIT_ENGINE_ERROR } from './usage-error.js';
import { setLogLevel } from '../util/logger.js';
import { setStorageOptions } from '../storage/storage-options.js';
import { BERTH_VERSION } from '../system/build-info.js';

const PROGRAM = 'berth';
const ROOT_SUMMARY = 'Manage pods, containers and images';
const ROOT_FLAGS = [
  ...GLOBAL_FLAGS,
  { name: 'version', short: 'v', type: 'bool' as const, help: 'Version of Berth' },
];

export interface CliIo {
  stdout: Writable;
  stderr: Writable;
}

function findEntry(entries: readonly CommandEntry[], name: string): CommandEntry | undefined {
  return entries.find((e) => e.name === name || e.aliases?.includes(name));
}

export async function main(
  argv: readonly string[],
  io: CliIo = { stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  let helpPath = PROGRAM;
  try {
    return await dispatch(argv, io, (path) => (helpPath = path));
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr.write(`Error: ${error.message}\n`);
      const hint = error.hint ?? (error.message.includes('flag') ? `See '${helpPath} --help'` : undefined);
      if (hint) io.stderr.write(`${hint}\n`);
      return error.exitCode;
    }
    const exitCode = (error as { exitCode?: unknown }).exitCode;
    io.stderr.write(`Error: ${error instanceof Error ? error.message : String(error)}\n`);
    return typeof exitCode === 'number' ? exitCode : EXIT_ENGINE_ERROR;
  }
}

async function dispatch(
  argv: readonly string[],
  io: CliIo,
  setHelpPath: (path: string) => void,
): Promise<number> {
  // Global flags before the command name.
  const rootParse = new FlagParser(ROOT_FLAGS).parse(argv, false);
  let global: GlobalOptions = globalOptionsFrom(rootParse.flags);
  setLogLevel(global.logLevel);
  if (rootParse.flags.bool('version')) {
    io.stdout.write(`${PROGRAM} version ${BERTH_VERSION}\n`);
    return 0;
  }

  let entries = ROOT_COMMANDS;
  let path = PROGRAM;
  let summary = ROOT_SUMMARY;
  let rest = rootParse.positionals;
  let wantHelp = rootParse.help || rootParse.flags.bool('help');

  while (true) {
    const name = rest[0];
    if (name === 'help' && entries === ROOT_COMMANDS && !wantHelp) {
      // `berth help [command...]` is `berth [command...] --help`.
      wantHelp = true;
      rest = rest.slice(1);
      continue;
    }
    if (name === undefined) {
      const isRoot = entries === ROOT_COMMANDS;
      io.stdout.write(groupHelp(path, summary, entries, isRoot ? ROOT_FLAGS : GLOBAL_FLAGS, isRoot));
      if (wantHelp) return 0;
      throw new CliError(`missing command '${path} COMMAND'`);
    }
    const entry = findEntry(entries, rest[0]!);
    if (!entry) {
      const hint = `Try '${path} --help' for more information`;
      throw new CliError(`unrecognized command \`${path} ${rest[0]}\``, EXIT_ENGINE_ERROR, hint);
    }
    path = `${path} ${entry.name}`;
    setHelpPath(path);
    if (entry.subcommands) {
      entries = await entry.subcommands();
      summary = entry.summary;
      const groupParse = new FlagParser(GLOBAL_FLAGS).parse(rest.slice(1), false);
      global = globalOptionsFrom(groupParse.flags, global);
      wantHelp = wantHelp || groupParse.help || groupParse.flags.bool('help');
      rest = groupParse.positionals;
      continue;
    }
    const mod = await entry.load!();
    const parsed = new FlagParser([...(mod.flags ?? []), ...GLOBAL_FLAGS]).parse(
      rest.slice(1),
      mod.interspersed ?? true,
    );
    global = globalOptionsFrom(parsed.flags, global);
    setLogLevel(global.logLevel);
    setStorageOptions(global.storageOpts);
    if (global.eventsBackend !== undefined && !['file', 'none'].includes(global.eventsBackend))
      throw new CliError(`invalid events backend "${global.eventsBackend}": use file or none`);
    // Loaded only when asked for: the events module is not on the start-up path.
    if (global.eventsBackend === 'none') (await import('../events/append-event.js')).disableEventLog();
    if (wantHelp || parsed.help || parsed.flags.bool('help')) {
      io.stdout.write(leafHelp(path, entry, mod, GLOBAL_FLAGS));
      return 0;
    }
    const { min = 0, max = Infinity } = mod.args ?? {};
    const count = parsed.positionals.length;
    if (count < min) {
      throw new CliError(
        min === max
          ? `${path} requires exactly ${min} argument${min === 1 ? '' : 's'}`
          : `${path} requires at least ${min} argument${min === 1 ? '' : 's'}`,
        EXIT_ENGINE_ERROR,
        `See '${path} --help'`,
      );
    }
    if (count > max) {
      throw new CliError(
        max === 0
          ? `${path} takes no arguments`
          : `${path} accepts at most ${max} argument${max === 1 ? '' : 's'}`,
        EXIT_ENGINE_ERROR,
        `See '${path} --help'`,
      );
    }
    // A selected connection runs the command through a RemoteEngine (cli/remote/); the check
    // costs nothing when none is selected, so local start-up stays as it was.
    const remote =
      global.connection !== undefined ||
      global.url !== undefined ||
      global.remote === true ||
      Boolean(process.env.CONTAINER_CONNECTION || process.env.CONTAINER_HOST);
    const remoteRun = remote
      ? await (await import('./remote/remote-commands.js')).remoteRunner(path, global)
      : undefined;
    const run = remoteRun ?? ((ctx: CommandContext) => mod.run(ctx));
    const code = await run({
      commandPath: path,
      args: parsed.positionals,
      flags: parsed.flags,
      global,
      stdout: io.stdout,
      stderr: io.stderr,
    });
    return code ?? 0;
  }
}
