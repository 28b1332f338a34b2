import type { CommandEntry } from '../../command-spec.js';

export const SYSTEM_COMMANDS: CommandEntry[] = [
  {
    name: 'connection',
    summary: 'Manage remote API service destinations',
    subcommands: () => import('../connection/connection-table.js').then((m) => m.CONNECTION_COMMANDS),
  },
  {
    name: 'events',
    summary: 'Show berth system events',
    load: () => import('../events/events.js').then((m) => m.default),
  },
  {
    name: 'info',
    summary: 'Display Berth system information',
    load: () => import('./info.js').then((m) => m.default),
  },
  {
    name: 'service',
    summary: 'Run an API service',
    load: () => import('./service.js').then((m) => m.default),
  },
];
