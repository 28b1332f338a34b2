// `berth container ...`: the container group's subcommands (most are also top-level commands).
import type { CommandEntry } from '../../command-spec.js';
import { byCodePoint } from '../../../util/code-point-order.js';

const leaf = (
  name: string,
  summary: string,
  load: CommandEntry['load'],
  extra: Partial<CommandEntry> = {},
): CommandEntry => ({ name, summary, load, ...extra });

/** Entries shared by the root table and the container group. */
export const CONTAINER_VERBS: CommandEntry[] = [
  leaf('attach', 'Attach to a running container', () => import('./attach.js').then((m) => m.default)),
  leaf('exec', 'Run a process in a running container', () => import('./exec.js').then((m) => m.default)),
  leaf('create', 'Create but do not start a container', () => import('./create.js').then((m) => m.default)),
  leaf('kill', 'Kill one or more running containers with a specific signal', () =>
    import('./kill.js').then((m) => m.default),
  ),
  leaf('logs', 'Fetch the logs of one or more containers', () => import('./logs.js').then((m) => m.default)),
  leaf('pause', 'Pause all the processes in one or more containers', () =>
    import('./pause.js').then((m) => m.default),
  ),
  leaf('restart', 'Restart one or more containers', () => import('./restart.js').then((m) => m.default)),
  leaf('rm', 'Remove one or more containers', () => import('./rm.js').then((m) => m.default)),
  leaf('run', 'Run a command in a new container', () => import('./run.js').then((m) => m.default)),
  leaf('start', 'Start one or more containers', () => import('./start.js').then((m) => m.default)),
  leaf('stop', 'Stop one or more containers', () => import('./stop.js').then((m) => m.default)),
  leaf('unpause', 'Unpause the processes in one or more containers', () =>
    import('./unpause.js').then((m) => m.default),
  ),
  leaf('wait', 'Block on one or more containers', () => import('./wait.js').then((m) => m.default)),
  leaf('commit', 'Create new image based on the changed container', () =>
    import('./commit.js').then((m) => m.default),
  ),
  leaf('cp', 'Copy files/folders between a container and the local filesystem', () =>
    import('./cp.js').then((m) => m.default),
  ),
  leaf('diff', "Display the changes to the object's file system", () =>
    import('./diff.js').then((m) => m.default),
  ),
  leaf('export', "Export container's filesystem contents as a tar archive", () =>
    import('./export.js').then((m) => m.default),
  ),
  leaf('port', 'List port mappings or a specific mapping for the container', () =>
    import('./port.js').then((m) => m.default),
  ),
  leaf('rename', 'Rename an existing container', () => import('./rename.js').then((m) => m.default)),
  leaf('stats', 'Display a live stream of container resource usage statistics', () =>
    import('./stats.js').then((m) => m.default),
  ),
  leaf('top', 'Display the running processes of a container', () =>
    import('./top.js').then((m) => m.default),
  ),
];

export const CONTAINER_COMMANDS: CommandEntry[] = [
  ...CONTAINER_VERBS,
  leaf('cleanup', 'Clean up network and mountpoints of one or more containers', () =>
    import('./cleanup.js').then((m) => m.default),
  ),
  leaf('inspect', 'Display the configuration of a container', () =>
    import('./inspect.js').then((m) => m.default),
  ),
  leaf('list', 'List containers', () => import('./ps.js').then((m) => m.default), { aliases: ['ls', 'ps'] }),
  leaf('exists', 'Check if a container exists in local storage', () =>
    import('./exists.js').then((m) => m.default),
  ),
  leaf('prune', 'Remove all non running containers', () => import('./prune.js').then((m) => m.default)),
].sort((a, b) => byCodePoint(a.name, b.name));
