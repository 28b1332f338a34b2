// `berth kube play [--replace] [--down] [--start=false] FILE|-`: creates (and starts) the pods a
// Kubernetes YAML describes and prints their IDs as podman does; `--down` tears them down instead.
import type { KubePlayResult } from '../../../kube/kube-play.js';
import type { CommandModule } from '../../command-spec.js';
import { CliError } from '../../usage-error.js';
import { printDown } from './down.js';
import { readManifest, withKubeStore } from './kube-context.js';

function printPlay(out: NodeJS.WritableStream, result: KubePlayResult): void {
  for (const pod of result.pods) {
    const heading = pod.containerIds.length === 1 ? 'Container' : 'Containers';
    out.write(`Pod:\n${pod.id}\n${heading}:\n${pod.containerIds.map((id) => `${id}\n`).join('')}\n`);
  }
}

const command: CommandModule = {
  usage: '[options] KUBEFILE|-',
  description: 'Creates pods or volumes based on the Kubernetes kind described in the YAML',
  examples: [
    'berth kube play nginx.yml',
    'cat nginx.yml | berth kube play -',
    'berth kube play --replace --start=false nginx.yml',
  ],
  flags: [
    { name: 'replace', type: 'bool', help: 'Delete and recreate pods defined in the YAML file' },
    { name: 'down', type: 'bool', help: 'Stop pods defined in the YAML file' },
    { name: 'start', type: 'bool', default: true, help: 'Start the pod after creating it' },
    { name: 'quiet', short: 'q', type: 'bool', help: 'Suppress output information when pulling images' },
    {
      name: 'tls-verify',
      type: 'bool',
      default: true,
      help: 'Require HTTPS and verify certificates when contacting registries',
    },
    { name: 'authfile', type: 'string', help: 'Path of the authentication file' },
    { name: 'creds', type: 'string', valueName: 'username[:password]', help: 'Credentials for the registry' },
  ],
  args: { min: 1, max: 1 },
  async run(ctx) {
    const f = ctx.flags;
    if (f.bool('down') && f.bool('replace'))
      throw new CliError('the --down and --replace options cannot be used together: choose one');
    const manifest = await readManifest(ctx.args[0]!);
    return withKubeStore(ctx, async (store) => {
      if (f.bool('down')) {
        const { downKube } = await import('../../../kube/kube-down.js');
        printDown(ctx.stdout, await downKube(store, manifest, { ignoreMissing: true }));
        return;
      }
      const [{ playKube }, { pullProgressListener }] = await Promise.all([
        import('../../../kube/kube-play.js'),
        import('../image/pull.js'),
      ]);
      const result = await playKube(store, manifest, {
        start: f.bool('start'),
        replace: f.bool('replace'),
        tlsVerify: f.has('tls-verify') ? f.bool('tls-verify') : undefined,
        authfile: f.string('authfile') || undefined,
        creds: f.string('creds') || undefined,
        onPullEvent: f.bool('quiet') ? undefined : pullProgressListener(ctx.stderr),
        createCommand: ['berth', ...process.argv.slice(2)],
      });
      if (result.replaced) printDown(ctx.stdout, result.replaced);
      printPlay(ctx.stdout, result);
    });
  },
};
export default command;
