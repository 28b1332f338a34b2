// `berth kube down FILE|-`: stops and removes the pods the YAML describes, printing podman's
// "Pods stopped:" and "Pods removed:" lists; volumes stay (they hold data).
import type { Writable } from 'node:stream';
import { downKube, KubeDownMissingError, type KubeDownResult } from '../../../kube/kube-down.js';
import type { CommandModule } from '../../command-spec.js';
import { readManifest, withKubeStore } from './kube-context.js';

export function printDown(out: Writable, result: KubeDownResult): void {
  if (result.stopped.length > 0)
    out.write(`Pods stopped:\n${result.stopped.map((id) => `${id}\n`).join('')}`);
  if (result.removed.length > 0)
    out.write(`Pods removed:\n${result.removed.map((id) => `${id}\n`).join('')}`);
}

const command: CommandModule = {
  usage: 'KUBEFILE|-',
  description: 'Reads in a structured file of Kubernetes YAML and removes pods that were created by it',
  examples: ['berth kube down nginx.yml', 'cat nginx.yml | berth kube down -'],
  args: { min: 1, max: 1 },
  async run(ctx) {
    const manifest = await readManifest(ctx.args[0]!);
    return withKubeStore(ctx, async (store) => {
      try {
        printDown(ctx.stdout, await downKube(store, manifest));
      } catch (error) {
        // The pods that were there are gone: say so before the error about the missing one.
        if (error instanceof KubeDownMissingError) printDown(ctx.stdout, error.result);
        throw error;
      }
    });
  },
};
export default command;
