// `berth pod create`: a pod and its infra container; prints the pod's ID.
import { createPod } from '../../../pod/pod-create.js';
import type { CommandModule } from '../../command-spec.js';
import { keyValueMap } from '../network/network-context.js';
import { withPodStore } from './pod-context.js';

const command: CommandModule = {
  usage: '[options]',
  description: 'After creating the pod, the pod ID is printed to stdout.',
  examples: [
    'berth pod create',
    'berth pod create --name web -p 8080:80',
    'berth pod create --share ipc,net --label team=a',
  ],
  flags: [
    { name: 'name', short: 'n', type: 'string', help: 'Assign a name to the pod' },
    {
      name: 'publish',
      short: 'p',
      type: 'stringArray',
      help: "Publish a container's port, or a range of ports, to the host (default [])",
    },
    {
      name: 'share',
      type: 'string',
      help: 'A comma delimited list of kernel namespaces the pod will share (default "ipc,net,uts")',
    },
    { name: 'label', short: 'l', type: 'stringArray', help: 'Set metadata on pod (default [])' },
    { name: 'hostname', type: 'string', help: 'Set a hostname to the pod' },
    {
      name: 'infra',
      type: 'bool',
      default: true,
      help: 'Create an infra container associated with the pod to share namespaces with',
    },
    { name: 'network', type: 'string', help: 'Connect the pod to a network' },
  ],
  args: { max: 0 },
  async run(ctx) {
    const f = ctx.flags;
    return withPodStore(ctx, async (store) => {
      const pod = await createPod(store, {
        name: f.string('name') || undefined,
        publish: f.list('publish'),
        share: f.has('share') ? (f.string('share') ?? '') : undefined,
        labels: keyValueMap(f.list('label'), 'label'),
        hostname: f.string('hostname') || undefined,
        infra: f.bool('infra'),
        networkMode: f.string('network') || undefined,
        createCommand: ['berth', ...process.argv.slice(2)],
      });
      ctx.stdout.write(`${pod.id}\n`);
    });
  },
};
export default command;
