// The images a play needs, found locally or pulled by each container's imagePullPolicy
// (Always, IfNotPresent: podman's default, Never), all before anything is created, so that an
// unknown image leaves the store as it was.
import type { RegistriesConf } from '../config/registries-conf.js';
import { lookupImage } from '../image/image-lookup.js';
import type { PullEventListener } from '../image/pull-events.js';
import type { Store } from '../state/store.js';
import { KubeError } from './kube-errors.js';
import type { PullPolicy } from './kube-plan.js';

export interface ResolvedImage {
  imageId: string;
  /** The search registries the name was resolved with ([] for a fully qualified name). */
  searchRegistries: readonly string[];
}

export interface ImagePullOptions {
  registriesConf?: RegistriesConf;
  /** undefined: registries.conf and loopback decide (as `pull`). */
  tlsVerify?: boolean;
  authfile?: string;
  creds?: string;
  onPullEvent?: PullEventListener;
}

/** A name without a registry part (`busybox`, `library/busybox`) goes through the search list. */
function isShortName(image: string): boolean {
  const first = image.split('/')[0]!;
  return !image.includes('/') || !(first.includes('.') || first.includes(':') || first === 'localhost');
}

export async function resolveKubeImage(
  store: Store,
  image: string,
  policy: PullPolicy,
  options: ImagePullOptions = {},
): Promise<ResolvedImage> {
  // registries.conf is read only when a short name or a pull needs it.
  const conf = async () =>
    options.registriesConf ?? (await import('../config/registries-conf.js')).loadRegistriesConf();
  const searchRegistries = isShortName(image) ? (await conf()).unqualifiedSearchRegistries : [];
  const local = lookupImage(store.db, image, searchRegistries);
  if (local && policy !== 'always') return { imageId: local.id, searchRegistries };
  if (!local && policy === 'never')
    throw new KubeError(
      `${image}: image not known and imagePullPolicy is Never: pull it first (berth pull ${image}) or change the policy`,
    );
  const { pullImage } = await import('../image/pull-image.js');
  const pulled = await pullImage(store, {
    reference: image,
    registriesConf: await conf(),
    tlsVerify: options.tlsVerify,
    authfile: options.authfile,
    creds: options.creds,
    onEvent: options.onPullEvent,
  });
  return { imageId: pulled.imageId, searchRegistries };
}
