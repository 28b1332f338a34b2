import type { CommandEntry } from '../../command-spec.js';

export const SYSTEM_COMMANDS: CommandEntry[] = [
  {
    name: 'info',
    summary: 'Display Berth system information',
    load: () => import('./info.js').then((m) => m.default),
  },
];
