// `berth kube generate [-s] [-f FILE] CONTAINER|POD...`: Kubernetes YAML for pods and
// containers, on stdout or into a file.
import { writeFile } from 'node:fs/promises';
import { formatKubeYaml } from '../../../kube/kube-format.js';
import { generateKube } from '../../../kube/kube-generate.js';
import type { CommandModule } from '../../command-spec.js';
import { CliError } from '../../usage-error.js';
import { withKubeStore } from './kube-context.js';

const command: CommandModule = {
  usage: '[options] {CONTAINER...|POD...}',
  description: 'Generate Kubernetes YAML based on containers or pods',
  examples: [
    'berth kube generate ctrID',
    'berth kube generate -s podID',
    'berth kube generate -f pod.yaml web',
  ],
  flags: [
    { name: 'service', short: 's', type: 'bool', help: 'Generate YAML for a Kubernetes service object' },
    { name: 'filename', short: 'f', type: 'string', help: 'Write output to the specified path' },
  ],
  args: { min: 1 },
  async run(ctx) {
    return withKubeStore(ctx, async (store) => {
      const result = await generateKube(store, ctx.args, { service: ctx.flags.bool('service') });
      for (const warning of result.warnings) ctx.stderr.write(`WARNING: ${warning}\n`);
      const text = formatKubeYaml(result.objects);
      const file = ctx.flags.string('filename');
      if (!file) {
        ctx.stdout.write(text);
        return;
      }
      try {
        // podman refuses to overwrite: a typo must not clobber another file.
        await writeFile(file, text, { flag: 'wx' });
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        throw new CliError(
          code === 'EEXIST'
            ? `cannot write to ${file}: the file already exists: remove it or choose another name`
            : `writing ${file}: ${(error as Error).message}`,
        );
      }
    });
  },
};
export default command;
