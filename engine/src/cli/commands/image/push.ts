// `berth push IMAGE [DESTINATION]`: podman's flags and output (progress on stderr, bars on a
// terminal); --digestfile receives the digest of the manifest the registry stored.
import { writeFileSync } from 'node:fs';
import type { CommandModule } from '../../command-spec.js';
import { CliError } from '../../usage-error.js';
import type { ManifestFormat } from '../../../image/manifest-build.js';
import { pushImage } from '../../../image/push-image.js';
import { withImageStore } from './image-context.js';
import {
  AUTHFILE_FLAG,
  CERT_DIR_FLAG,
  CREDS_FLAG,
  TLS_VERIFY_FLAG,
  tlsVerifyOption,
} from './registry-flags.js';
import { TransferProgress } from './transfer-progress.js';

const FORMATS: Record<string, ManifestFormat> = { oci: 'oci', v2s2: 'v2s2' };

const command: CommandModule = {
  usage: '[options] IMAGE [DESTINATION]',
  description:
    "Pushes a source image to a specified destination: a registry, as [docker://]host[:port]/name[:tag]. Without a destination, the image's name is used.",
  examples: [
    'berth push imageID docker://registry.example.com/repository:tag',
    'berth push --format v2s2 localhost/myimage registry.example.com/repository:tag',
    'berth push --authfile temp-auths/myauths.json alpine docker://registry.example.com/repository:tag',
  ],
  flags: [
    AUTHFILE_FLAG,
    CERT_DIR_FLAG,
    CREDS_FLAG,
    {
      name: 'digestfile',
      type: 'string',
      help: 'Write the digest of the pushed image to the specified file',
    },
    {
      name: 'format',
      short: 'f',
      type: 'string',
      help: 'Manifest type (oci, v2s2) to use in the destination (default is manifest type of source)',
    },
    { name: 'quiet', short: 'q', type: 'bool', help: 'Suppress output information when pushing images' },
    { name: 'remove-signatures', type: 'bool', help: 'Discard any pre-existing signatures in the image' },
    TLS_VERIFY_FLAG,
  ],
  args: { min: 1, max: 2 },
  async run(ctx) {
    const formatFlag = ctx.flags.string('format') || undefined;
    const format = formatFlag === undefined ? undefined : FORMATS[formatFlag];
    if (formatFlag !== undefined && format === undefined)
      throw new CliError(`unsupported manifest type "${formatFlag}": use oci or v2s2`);
    const progress = ctx.flags.bool('quiet') ? undefined : new TransferProgress(ctx.stderr);
    return withImageStore(ctx, async ({ store, conf }) => {
      const result = await pushImage(store, {
        image: ctx.args[0]!,
        destination: ctx.args[1],
        format,
        tlsVerify: tlsVerifyOption(ctx.flags),
        creds: ctx.flags.string('creds') || undefined,
        authfile: ctx.flags.string('authfile') || undefined,
        certDir: ctx.flags.string('cert-dir') || undefined,
        registriesConf: conf,
        onEvent: (event) => {
          if (!progress) return;
          if (event.type === 'started') progress.line('Getting image source signatures');
          else if (event.type === 'layer') progress.blob(event);
          else if (event.type === 'config') {
            progress.finish();
            progress.line(`Copying config ${event.digest}`);
          } else if (event.type === 'manifest')
            progress.line('Writing manifest to image destination\nStoring signatures');
        },
      });
      const digestFile = ctx.flags.string('digestfile');
      if (digestFile) writeFileSync(digestFile, result.manifestDigest);
    });
  },
};
export default command;
