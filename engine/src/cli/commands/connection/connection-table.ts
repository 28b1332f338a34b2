// `berth system connection ...`: named remote destinations (client/connection-store.ts).
import type { CommandEntry } from '../../command-spec.js';

export const CONNECTION_COMMANDS: CommandEntry[] = [
  {
    name: 'add',
    aliases: ['create'],
    summary: 'Record destination for the Berth service',
    load: () => import('./add.js').then((m) => m.default),
  },
  {
    name: 'default',
    summary: 'Set named destination as default',
    load: () => import('./default.js').then((m) => m.default),
  },
  {
    name: 'list',
    aliases: ['ls'],
    summary: 'List destination for the Berth service(s)',
    load: () => import('./ls.js').then((m) => m.default),
  },
  {
    name: 'remove',
    aliases: ['rm'],
    summary: 'Delete named destination',
    load: () => import('./rm.js').then((m) => m.default),
  },
];
