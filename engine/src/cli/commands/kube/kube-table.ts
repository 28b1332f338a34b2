// `berth kube ...`: Kubernetes YAML (engine/src/kube). `berth generate kube` and `berth play kube`
// are podman's older spellings of the same commands.
import type { CommandEntry } from '../../command-spec.js';

const generate: CommandEntry = {
  name: 'generate',
  summary: 'Generate Kubernetes YAML based on containers or pods',
  load: () => import('./generate.js').then((m) => m.default),
};
const play: CommandEntry = {
  name: 'play',
  summary: 'Play a pod or deployment based on Kubernetes YAML',
  load: () => import('./play.js').then((m) => m.default),
};

export const KUBE_COMMANDS: CommandEntry[] = [
  {
    name: 'down',
    summary: 'Remove pods based on Kubernetes YAML',
    load: () => import('./down.js').then((m) => m.default),
  },
  generate,
  play,
];

/** `berth generate kube` */
export const GENERATE_COMMANDS: CommandEntry[] = [{ ...generate, name: 'kube' }];
/** `berth play kube` */
export const PLAY_COMMANDS: CommandEntry[] = [{ ...play, name: 'kube' }];
