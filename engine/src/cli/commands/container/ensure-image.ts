// `run`/`create` pull the image when it is not in the store (podman's --pull=missing), with the
// same progress lines as `berth pull` on stderr.
import type { RegistriesConf } from '../../../config/registries-conf.js';
import { lookupImage } from '../../../image/image-lookup.js';
import type { Store } from '../../../state/store.js';
import type { CommandContext } from '../../command-spec.js';
import { CliError } from '../../usage-error.js';

const POLICIES = new Set(['missing', 'always', 'never', 'newer']);

export interface EnsuredImage {
  imageId: string;
  /** The search registries the name was resolved with ([] for a fully qualified name). */
  searchRegistries: readonly string[];
}

/** A reference without a registry part (`busybox`, `library/busybox`) goes through the search list. */
function isShortName(image: string): boolean {
  const first = image.split('/')[0]!;
  return !image.includes('/') || !(first.includes('.') || first.includes(':') || first === 'localhost');
}

/** The image to create from, pulled first when the pull policy says so. */
export async function ensureImage(
  ctx: CommandContext,
  store: Store,
  conf: () => Promise<RegistriesConf>,
  image: string,
): Promise<EnsuredImage> {
  const policy = ctx.flags.string('pull') || 'missing';
  if (!POLICIES.has(policy))
    throw new CliError(`invalid pull policy "${policy}": use always, missing, never or newer`);
  const searchRegistries = isShortName(image) ? (await conf()).unqualifiedSearchRegistries : [];
  const local = lookupImage(store.db, image, searchRegistries);
  if (local && policy !== 'always') return { imageId: local.id, searchRegistries };
  if (!local && policy === 'never')
    throw new CliError(`${image}: image not known: pull it first, or use --pull=missing`);
  const quiet = ctx.flags.bool('quiet');
  // Loaded only when a pull is needed: the registry client is the heaviest part of the CLI.
  const [{ pullImage }, { pullFlagOptions, pullProgressListener }] = await Promise.all([
    import('../../../image/pull-image.js'),
    import('../image/pull.js'),
  ]);
  const result = await pullImage(store, {
    reference: image,
    ...pullFlagOptions(ctx.flags),
    registriesConf: await conf(),
    onEvent: quiet ? undefined : pullProgressListener(ctx.stderr),
  });
  return { imageId: result.imageId, searchRegistries };
}
