// `berth machine ...`: the machine group's subcommands (engine/src/machine).
import type { CommandEntry } from '../../command-spec.js';

export const MACHINE_COMMANDS: CommandEntry[] = [
  {
    name: 'init',
    summary: 'Initialize a virtual machine',
    load: () => import('./init.js').then((m) => m.default),
  },
  {
    name: 'inspect',
    summary: 'Inspect an existing machine',
    load: () => import('./inspect.js').then((m) => m.default),
  },
  {
    name: 'ls',
    aliases: ['list'],
    summary: 'List machines',
    load: () => import('./ls.js').then((m) => m.default),
  },
  {
    name: 'reset',
    summary: 'Remove all machines',
    load: () => import('./reset.js').then((m) => m.default),
  },
  {
    name: 'rm',
    aliases: ['remove'],
    summary: 'Remove an existing machine',
    load: () => import('./rm.js').then((m) => m.default),
  },
  {
    name: 'set',
    summary: 'Set a virtual machine setting',
    load: () => import('./set.js').then((m) => m.default),
  },
  {
    name: 'ssh',
    summary: 'SSH into an existing machine',
    load: () => import('./ssh.js').then((m) => m.default),
  },
  {
    name: 'start',
    summary: 'Start an existing machine',
    load: () => import('./start.js').then((m) => m.default),
  },
  {
    name: 'stop',
    summary: 'Stop an existing machine',
    load: () => import('./stop.js').then((m) => m.default),
  },
];
