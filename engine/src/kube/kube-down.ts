// `kube down` and `kube play --down`/`--replace`: stops and removes the pods a YAML describes
// (a Deployment's replicas by their `<name>-pod-<i>` names). Volumes stay, as with podman: they
// hold data that outlives the pods.
import { removePod, stopPod } from '../pod/pod-lifecycle.js';
import { findPod, NoSuchPodError } from '../pod/pod-lookup.js';
import type { Store } from '../state/store.js';
import { manifestPodNames } from './kube-plan.js';
import type { KubeManifest } from './kube-validate.js';

export interface KubeDownResult {
  /** IDs of the pods stopped, then removed, in the YAML's order. */
  stopped: string[];
  removed: string[];
  /** Names in the YAML with no pod of that name. */
  missing: string[];
}

export async function downKubePods(store: Store, names: readonly string[]): Promise<KubeDownResult> {
  const result: KubeDownResult = { stopped: [], removed: [], missing: [] };
  for (const name of names) {
    const pod = findPod(store.db, name);
    // By exact name only: a pod whose ID merely starts with the name is not the YAML's.
    if (!pod || pod.name !== name) {
      result.missing.push(name);
      continue;
    }
    await stopPod(store, pod.id);
    result.stopped.push(pod.id);
    await removePod(store, pod.id, { force: true });
    result.removed.push(pod.id);
  }
  return result;
}

/** Tears down what `manifest` describes; throws podman's error for the first pod not found. */
export async function downKube(
  store: Store,
  manifest: KubeManifest,
  options: { ignoreMissing?: boolean } = {},
): Promise<KubeDownResult> {
  const result = await downKubePods(store, manifestPodNames(manifest));
  if (!options.ignoreMissing && result.missing.length > 0) throw new KubeDownMissingError(result);
  return result;
}

/** Some pods were not there; those that were have been removed (the result says which). */
export class KubeDownMissingError extends NoSuchPodError {
  constructor(readonly result: KubeDownResult) {
    super(result.missing[0]!);
  }
}
