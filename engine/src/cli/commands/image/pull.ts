// `berth pull`: podman's flags and output — progress lines on stderr (bars on a terminal), the
// image ID on stdout.
import type { Writable } from 'node:stream';
import type { CommandModule } from '../../command-spec.js';
import type { ParsedFlags } from '../../flag-parser.js';
import type { PullEvent, PullEventListener } from '../../../image/pull-events.js';
import { pullImage } from '../../../image/pull-image.js';
import { withImageStore } from './image-context.js';
import { CERT_DIR_FLAG } from './registry-flags.js';
import { TransferProgress } from './transfer-progress.js';

/** Podman's non-terminal pull output, line by line. */
export function pullEventLine(event: PullEvent): string | undefined {
  switch (event.type) {
    case 'trying':
      return `Trying to pull ${event.reference}...`;
    case 'resolved':
      return 'Getting image source signatures';
    case 'layer':
      return event.status === 'done' || event.status === 'skipped'
        ? `Copying blob ${event.digest}`
        : undefined;
    case 'config':
      return `Copying config ${event.digest}\nWriting manifest to image destination\nStoring signatures`;
    case 'warning':
      return `WARNING: ${event.message}`;
    default:
      return undefined;
  }
}

/** What `pull` (and `run`'s implicit pull) prints: bars per layer on a terminal, podman's lines elsewhere. */
export function pullProgressListener(out: Writable): PullEventListener {
  const progress = new TransferProgress(out);
  return (event) => {
    if (event.type === 'layer') return progress.blob(event);
    const line = pullEventLine(event);
    if (line !== undefined) progress.line(line);
  };
}

/** The pull options that `pull`, `run` and `create` take from the same flags. */
export function pullFlagOptions(flags: ParsedFlags) {
  return {
    platform: flags.string('platform') || undefined,
    arch: flags.string('arch') || undefined,
    os: flags.string('os') || undefined,
    variant: flags.string('variant') || undefined,
    tlsVerify: flags.has('tls-verify') ? flags.bool('tls-verify') : undefined,
    creds: flags.string('creds') || undefined,
    authfile: flags.string('authfile') || undefined,
    // Declared by `pull` only (as podman's run and create have no --cert-dir): undefined there.
    certDir: flags.string('cert-dir') || undefined,
  };
}

const command: CommandModule = {
  usage: '[options] IMAGE [IMAGE...]',
  description:
    "Pulls an image from a registry and stores it locally.\n  An image can be pulled by tag or digest. If a tag is not specified, the image with the 'latest' tag is pulled.",
  examples: ['berth pull imageName', 'berth pull fedora:latest', 'berth pull --arch arm64 quay.io/org/image'],
  flags: [
    { name: 'quiet', short: 'q', type: 'bool', help: 'Suppress output information when pulling images' },
    {
      name: 'platform',
      type: 'string',
      help: 'Specify the platform for selecting the image (conflicts with arch and os)',
    },
    {
      name: 'arch',
      type: 'string',
      valueName: 'ARCH',
      help: 'Use ARCH instead of the architecture of the machine for choosing images',
    },
    {
      name: 'os',
      type: 'string',
      valueName: 'OS',
      help: 'Use OS instead of the running OS for choosing images',
    },
    {
      name: 'variant',
      type: 'string',
      help: 'Use VARIANT instead of the running architecture variant for choosing images',
    },
    {
      name: 'tls-verify',
      type: 'bool',
      default: true,
      help: 'Require HTTPS and verify certificates when contacting registries',
    },
    {
      name: 'creds',
      type: 'string',
      valueName: '[username[:password]]',
      help: 'Credentials (USERNAME:PASSWORD) to use for authenticating to a registry',
    },
    {
      name: 'authfile',
      type: 'string',
      help: 'Path of the authentication file. Use REGISTRY_AUTH_FILE environment variable to override',
    },
    CERT_DIR_FLAG,
  ],
  args: { min: 1 },
  async run(ctx) {
    const quiet = ctx.flags.bool('quiet');
    return withImageStore(ctx, async ({ store, conf }) => {
      for (const reference of ctx.args) {
        const result = await pullImage(store, {
          reference,
          ...pullFlagOptions(ctx.flags),
          registriesConf: conf,
          onEvent: quiet ? undefined : pullProgressListener(ctx.stderr),
        });
        ctx.stdout.write(`${result.imageId}\n`);
      }
    });
  },
};
export default command;
