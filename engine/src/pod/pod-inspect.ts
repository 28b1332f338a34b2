// `pod inspect` and `pod ps --format json`: podman's field names.
import type { ContainerRecord } from '../container/container-records.js';
import { containerPortMappings } from '../network/container-network.js';
import type { Store } from '../state/store.js';
import { podContainers, podStatus } from './pod-lifecycle.js';
import type { PodRecord } from './pod-records.js';

const SHARE_NAMES: Record<string, string> = {
  net: 'net',
  ipc: 'ipc',
  uts: 'uts',
  pid: 'pid',
  cgroup: 'cgroup',
};

export interface PodView {
  pod: PodRecord;
  containers: ContainerRecord[];
  status: string;
}

export async function podView(store: Store, pod: PodRecord): Promise<PodView> {
  const containers = await podContainers(store, pod);
  return { pod, containers, status: podStatus(containers) };
}

export function inspectPod(store: Store, view: PodView): Record<string, unknown> {
  const { pod, containers } = view;
  const infra = containers.find((c) => c.id === pod.infraId);
  const bindings: Record<string, Array<{ HostIp: string; HostPort: string }>> = {};
  if (infra)
    for (const m of containerPortMappings(store.db, infra.id))
      (bindings[`${m.containerPort}/${m.protocol}`] ??= []).push({
        HostIp: m.hostIp,
        HostPort: String(m.hostPort),
      });
  return {
    Id: pod.id,
    Name: pod.name,
    Created: pod.createdAt,
    CreateCommand: pod.config.createCommand,
    ExitPolicy: 'continue',
    State: view.status,
    Hostname: pod.config.hostname,
    Labels: pod.config.labels,
    CreateCgroup: true,
    CreateInfra: pod.config.infra,
    InfraContainerID: pod.infraId,
    ...(pod.config.infra
      ? {
          InfraConfig: {
            PortBindings: bindings,
            HostNetwork: pod.config.networkMode === 'host',
            StaticIP: '',
            StaticMAC: '',
            NoManageResolvConf: false,
            DNSServer: null,
            DNSSearch: null,
            DNSOption: null,
            NoManageHosts: false,
            HostAdd: null,
            Networks: pod.config.networkMode === 'bridge' ? ['podman'] : [],
            NetworkOptions: null,
            pid_ns: 'private',
            userns: 'host',
            uts_ns: pod.config.share.includes('uts') ? 'private' : 'host',
          },
        }
      : {}),
    SharedNamespaces: pod.config.share.map((s) => SHARE_NAMES[s] ?? s),
    NumContainers: containers.length,
    Containers: containers.map((c) => ({ Id: c.id, Name: c.name, State: c.state.status })),
  };
}
