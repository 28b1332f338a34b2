// Help pages laid out as podman's (cobra's) are, so users and scripts find the same sections.
import type { CommandEntry, CommandModule, FlagSpec } from './command-spec.js';

function flagLabel(spec: FlagSpec): string {
  const short = spec.short ? `-${spec.short}, ` : '    ';
  let value = '';
  if (spec.type !== 'bool') value = ` ${spec.valueName ?? (spec.type === 'int' ? 'int' : spec.type)}`;
  return `${short}--${spec.name}${value}`;
}

function flagDefault(spec: FlagSpec): string {
  const d = spec.default;
  if (d === undefined || d === false || d === '' || (Array.isArray(d) && d.length === 0)) return '';
  if (Array.isArray(d)) return ` (default [${d.join(',')}])`;
  return typeof d === 'string' ? ` (default "${d}")` : ` (default ${String(d)})`;
}

export function formatFlags(specs: readonly FlagSpec[]): string {
  const visible = specs.filter((s) => !s.hidden).sort((a, b) => a.name.localeCompare(b.name));
  const labels = visible.map(flagLabel);
  const width = Math.max(0, ...labels.map((l) => l.length));
  return visible.map((s, i) => `  ${labels[i]!.padEnd(width)}   ${s.help}${flagDefault(s)}`).join('\n');
}

function formatCommands(entries: readonly CommandEntry[]): string {
  const visible = entries.filter((e) => !e.hidden).sort((a, b) => a.name.localeCompare(b.name));
  const width = Math.max(11, ...visible.map((e) => e.name.length));
  return visible.map((e) => `  ${e.name.padEnd(width)} ${e.summary}`).join('\n');
}

export function leafHelp(
  path: string,
  entry: CommandEntry,
  mod: CommandModule,
  globals: readonly FlagSpec[],
): string {
  const parts = [
    entry.summary,
    '',
    'Description:',
    `  ${mod.description ?? entry.summary}`,
    '',
    'Usage:',
    `  ${path} ${mod.usage}`,
  ];
  if (entry.aliases?.length) parts.push('', 'Aliases:', `  ${[entry.name, ...entry.aliases].join(', ')}`);
  if (mod.examples?.length) parts.push('', 'Examples:', ...mod.examples.map((e) => `  ${e}`));
  if (mod.flags?.length) parts.push('', 'Options:', formatFlags(mod.flags));
  parts.push('', 'Global Options:', formatFlags(globals.filter((g) => g.name !== 'help')));
  return parts.join('\n') + '\n';
}

export function groupHelp(
  path: string,
  summary: string,
  entries: readonly CommandEntry[],
  globals: readonly FlagSpec[],
  isRoot = false,
): string {
  const parts = [summary, ''];
  if (!isRoot) parts.push('Description:', `  ${summary}`, '');
  parts.push('Usage:', isRoot ? `  ${path} [options] [command]` : `  ${path} [command]`, '');
  parts.push('Available Commands:', formatCommands(entries), '');
  parts.push(
    isRoot ? 'Options:' : 'Global Options:',
    formatFlags(isRoot ? globals : globals.filter((g) => g.name !== 'help')),
  );
  return parts.join('\n') + '\n';
}
