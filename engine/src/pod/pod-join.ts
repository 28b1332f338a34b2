// How a container joins its pod: at create, the pod's name becomes its ID and the container takes
// the infra's network (`container:<infra>`) and hostname; at start, the infra starts first and the
// member joins the infra's other shared namespaces through /proc/<infra pid>/ns/<kind>.
import type { CreateContainerRequest } from '../container/create-container.js';
import type { ContainerRecord } from '../container/container-records.js';
import { getContainerRecord } from '../container/container-records.js';
import { startContainer } from '../container/container-lifecycle.js';
import type { NamespaceMode } from '../runtime/oci-spec.js';
import type { Store } from '../state/store.js';
import { PodError, requirePod } from './pod-lookup.js';
import { getPodRecord } from './pod-records.js';

/** The create request of a pod member, completed from its pod (the pod named by ID from now on). */
export async function applyPodToCreateRequest(
  store: Store,
  input: CreateContainerRequest,
): Promise<CreateContainerRequest> {
  if (!input.pod) return input;
  let request = input;
  if (input.pod.startsWith('new:')) {
    // --pod new:NAME: a new pod, to which the container's -p go (ports belong to the pod).
    const { createPod } = await import('./pod-create.js');
    const made = await createPod(store, { name: input.pod.slice(4), publish: input.publish });
    request = { ...input, pod: made.id, publish: [] };
  }
  const pod = requirePod(store.db, request.pod!);
  if (request.podInfra) return { ...request, pod: pod.id };
  const joined: CreateContainerRequest = { ...request, pod: pod.id };
  if (pod.infraId && pod.config.share.includes('net')) {
    if ((request.publish ?? []).length > 0 || request.publishAll)
      // podman's message, word for word: ports belong to the pod.
      throw new PodError(
        'invalid config provided: published or exposed ports must be defined when the pod is created: network cannot be configured when it is shared with a pod',
      );
    if (
      request.networkMode &&
      request.networkMode !== 'bridge' &&
      request.networkMode !== `container:${pod.infraId}`
    )
      throw new PodError(
        `invalid config provided: --network ${request.networkMode} cannot be used in pod ${pod.name}, which shares its network: drop --network or create the pod with --share without net`,
      );
    joined.networkMode = `container:${pod.infraId}`;
  }
  if (pod.infraId && pod.config.share.includes('uts') && !request.hostname)
    joined.hostname = pod.config.hostname;
  return joined;
}

function infraOf(store: Store, record: ContainerRecord): ContainerRecord | undefined {
  if (!record.config.pod || record.config.podInfra) return undefined;
  const pod = getPodRecord(store.db, record.config.pod);
  if (!pod?.infraId) return undefined;
  return getContainerRecord(store.db, pod.infraId);
}

/** Starts the member's infra container when it is not running (a member cannot join it otherwise). */
export async function startPodInfraFor(store: Store, record: ContainerRecord): Promise<void> {
  const infra = infraOf(store, record);
  if (!infra) return;
  if (infra.state.status === 'running' || infra.state.status === 'paused') return;
  await startContainer(store, infra.id);
}

/** The ipc/uts/pid namespaces a member joins: the infra's, by the path of its PID's namespaces. */
export function podNamespacesFor(
  store: Store,
  record: ContainerRecord,
): Partial<Record<'pid' | 'ipc' | 'uts', NamespaceMode>> {
  const infra = infraOf(store, record);
  if (!infra) return {};
  const pod = getPodRecord(store.db, record.config.pod!)!;
  if (!(infra.state.pid > 0) || !['running', 'paused'].includes(infra.state.status))
    throw new PodError(
      `the infra container of pod ${pod.name} is not running: start the pod (berth pod start ${pod.name})`,
    );
  const out: Partial<Record<'pid' | 'ipc' | 'uts', NamespaceMode>> = {};
  for (const kind of ['pid', 'ipc', 'uts'] as const)
    if (pod.config.share.includes(kind))
      out[kind] = { mode: 'path', path: `/proc/${infra.state.pid}/ns/${kind}` };
  return out;
}
