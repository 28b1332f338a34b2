// `berth volume ...`: the volume group's subcommands.
import type { CommandEntry } from '../../command-spec.js';

export const VOLUME_COMMANDS: CommandEntry[] = [
  {
    name: 'create',
    summary: 'Create a new volume',
    load: () => import('./create.js').then((m) => m.default),
  },
  {
    name: 'exists',
    summary: 'Check if volume exists',
    load: () => import('./exists.js').then((m) => m.default),
  },
  {
    name: 'inspect',
    summary: 'Display detailed information on one or more volumes',
    load: () => import('./inspect.js').then((m) => m.default),
  },
  {
    name: 'ls',
    aliases: ['list'],
    summary: 'List volumes',
    load: () => import('./ls.js').then((m) => m.default),
  },
  {
    name: 'prune',
    summary: 'Remove all unused volumes',
    load: () => import('./prune.js').then((m) => m.default),
  },
  {
    name: 'rm',
    aliases: ['remove'],
    summary: 'Remove one or more volumes',
    load: () => import('./rm.js').then((m) => m.default),
  },
];
