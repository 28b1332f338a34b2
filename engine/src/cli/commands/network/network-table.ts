// `berth network ...`: the network group's subcommands.
import type { CommandEntry } from '../../command-spec.js';

export const NETWORK_COMMANDS: CommandEntry[] = [
  {
    name: 'connect',
    summary: 'Add container to a network',
    load: () => import('./connect.js').then((m) => m.default),
  },
  {
    name: 'create',
    summary: 'Create networks for containers and pods',
    load: () => import('./create.js').then((m) => m.default),
  },
  {
    name: 'disconnect',
    summary: 'Disconnect a container from a network',
    load: () => import('./disconnect.js').then((m) => m.default),
  },
  {
    name: 'exists',
    summary: 'Check if network exists',
    load: () => import('./exists.js').then((m) => m.default),
  },
  {
    name: 'inspect',
    summary: 'Displays the raw CNI network configuration for one or more networks.',
    load: () => import('./inspect.js').then((m) => m.default),
  },
  {
    name: 'ls',
    aliases: ['list'],
    summary: 'List networks',
    load: () => import('./ls.js').then((m) => m.default),
  },
  {
    name: 'port-forward',
    summary: 'Forward published ports of a rootless container (run by berth itself)',
    hidden: true,
    load: () => import('./port-forward.js').then((m) => m.default),
  },
  {
    name: 'prune',
    summary: 'Prune unused networks',
    load: () => import('./prune.js').then((m) => m.default),
  },
  {
    name: 'rm',
    aliases: ['remove'],
    summary: 'Remove networks',
    load: () => import('./rm.js').then((m) => m.default),
  },
];
