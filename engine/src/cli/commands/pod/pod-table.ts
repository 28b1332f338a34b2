// `berth pod ...`: the pod group's subcommands.
import type { CommandEntry } from '../../command-spec.js';

export const POD_COMMANDS: CommandEntry[] = [
  {
    name: 'create',
    summary: 'Create a new empty pod',
    load: () => import('./create.js').then((m) => m.default),
  },
  {
    name: 'exists',
    summary: 'Check if a pod exists in local storage',
    load: () => import('./exists.js').then((m) => m.default),
  },
  {
    name: 'inspect',
    summary: 'Displays a pod configuration',
    load: () => import('./inspect.js').then((m) => m.default),
  },
  {
    name: 'kill',
    summary: 'Send the specified signal or SIGKILL to containers in pod',
    load: () => import('./kill.js').then((m) => m.default),
  },
  {
    name: 'logs',
    summary: 'Fetch logs for pod with one or more containers',
    load: () => import('./logs.js').then((m) => m.default),
  },
  {
    name: 'pause',
    summary: 'Pause one or more pods',
    load: () => import('./pause.js').then((m) => m.default),
  },
  {
    name: 'prune',
    summary: 'Remove all stopped pods and their containers',
    load: () => import('./prune.js').then((m) => m.default),
  },
  {
    name: 'ps',
    aliases: ['ls', 'list'],
    summary: 'List pods',
    load: () => import('./ps.js').then((m) => m.default),
  },
  {
    name: 'restart',
    summary: 'Restart one or more pods',
    load: () => import('./restart.js').then((m) => m.default),
  },
  { name: 'rm', summary: 'Remove one or more pods', load: () => import('./rm.js').then((m) => m.default) },
  {
    name: 'start',
    summary: 'Start one or more pods',
    load: () => import('./start.js').then((m) => m.default),
  },
  {
    name: 'stats',
    summary: 'Display a live stream of resource usage statistics for the containers in one or more pods',
    load: () => import('./stats.js').then((m) => m.default),
  },
  { name: 'stop', summary: 'Stop one or more pods', load: () => import('./stop.js').then((m) => m.default) },
  {
    name: 'top',
    summary: 'Display the running processes of containers in a pod',
    load: () => import('./top.js').then((m) => m.default),
  },
  {
    name: 'unpause',
    summary: 'Unpause one or more pods',
    load: () => import('./unpause.js').then((m) => m.default),
  },
];
