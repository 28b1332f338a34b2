// `pod create`: the pod row, then its infra container (unless --infra=false). Names follow the
// containers' rule; a failure after the row went in removes it, so nothing is left half-made.
import { randomBytes } from 'node:crypto';
import { randomContainerName } from '../container/container-names.js';
import { removeContainer } from '../container/container-lifecycle.js';
import type { Store } from '../state/store.js';
import { podEvent } from './pod-events.js';
import { createInfraContainer } from './pod-infra.js';
import { PodError } from './pod-lookup.js';
import {
  DEFAULT_SHARE,
  deletePodRecord,
  getPodRecord,
  insertPodRecord,
  PodNameInUseError,
  setPodInfra,
  type PodNamespace,
  type PodRecord,
} from './pod-records.js';

export interface CreatePodRequest {
  name?: string;
  publish?: string[];
  /** --share: comma-separated kinds, as given; '' shares nothing. podman's default: ipc,net,uts. */
  share?: string;
  labels?: Record<string, string>;
  hostname?: string;
  /** --infra (default true). */
  infra?: boolean;
  networkMode?: string;
  createCommand?: string[];
}

const NAME_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;
const SHAREABLE = new Set<PodNamespace>(['ipc', 'net', 'uts', 'pid', 'cgroup']);

function parseShare(share: string | undefined): PodNamespace[] {
  if (share === undefined) return [...DEFAULT_SHARE];
  const kinds = share
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean);
  for (const kind of kinds)
    if (!SHAREABLE.has(kind as PodNamespace))
      throw new PodError(
        `invalid kernel namespace to share: ${kind}. Options are: cgroup, ipc, net, pid, uts or none`,
      );
  return [...new Set(kinds)] as PodNamespace[];
}

export async function createPod(store: Store, request: CreatePodRequest = {}): Promise<PodRecord> {
  if (request.name !== undefined && !NAME_PATTERN.test(request.name))
    throw new PodError(
      `names must match [a-zA-Z0-9][a-zA-Z0-9_.-]*: "${request.name}" is not a valid pod name`,
    );
  const infra = request.infra ?? true;
  const share = request.share === 'none' ? [] : parseShare(request.share);
  if (!infra && request.share !== undefined && share.length > 0)
    throw new PodError('you must have an infra container to share namespaces: drop --share or --infra=false');
  if (!infra && (request.publish ?? []).length > 0)
    throw new PodError(
      'you must have an infra container to publish port bindings to the host: drop -p or --infra=false',
    );
  if (infra && (request.publish ?? []).length > 0 && !share.includes('net'))
    throw new PodError(
      'cannot set port bindings on a pod that does not share its network: add net to --share',
    );
  const id = randomBytes(32).toString('hex');
  let pod: PodRecord | undefined;
  for (let attempt = 0; !pod; attempt++) {
    const name = request.name ?? randomContainerName();
    const candidate: PodRecord = {
      id,
      name,
      createdAt: new Date().toISOString(),
      infraId: '',
      config: {
        hostname: request.hostname || name,
        labels: request.labels ?? {},
        share: infra ? share : [],
        publish: request.publish ?? [],
        networkMode: request.networkMode || 'bridge',
        infra,
        createCommand: request.createCommand ?? [],
      },
    };
    try {
      insertPodRecord(store.db, candidate);
      pod = candidate;
    } catch (error) {
      if (!(error instanceof PodNameInUseError) || request.name !== undefined || attempt >= 20) throw error;
    }
  }
  if (infra) {
    let infraId = '';
    try {
      infraId = (await createInfraContainer(store, pod)).id;
      setPodInfra(store.db, pod.id, infraId);
    } catch (error) {
      if (infraId) await removeContainer(store, infraId, { force: true, byPod: true }).catch(() => undefined);
      deletePodRecord(store.db, pod.id);
      throw error;
    }
  }
  const created = getPodRecord(store.db, pod.id)!;
  podEvent(store, 'create', created);
  return created;
}
