// The top-level command table: names, aliases and summaries only; each command's code is loaded
// when it runs. Later domains (images, containers, pods...) add their entries here.
import type { CommandEntry } from '../command-spec.js';
import { SYSTEM_COMMANDS } from './system/system-table.js';

export const ROOT_COMMANDS: CommandEntry[] = [
  {
    name: 'desktop',
    summary: 'Start Berth Desktop (a window, or web mode for a browser)',
    load: () => import('./desktop/desktop.js').then((m) => m.default),
  },
  {
    name: 'info',
    summary: 'Display Berth system information',
    load: () => import('./system/info.js').then((m) => m.default),
  },
  { name: 'system', summary: 'Manage Berth', subcommands: async () => SYSTEM_COMMANDS },
  {
    name: 'version',
    summary: 'Display the Berth version information',
    load: () => import('./system/version.js').then((m) => m.default),
  },
];
