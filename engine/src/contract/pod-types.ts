// Pods as the engine reports them to front ends. Field names follow podman's JSON
// (`podman pod ps --format json`, `podman pod inspect`) so the desktop app, the API service and
// scripts read the same shapes; pod-handlers.ts checks at compile time that the engine's values fit.
import type { ContainerLogLine, ContainerPort } from './container-types.js';

/** One container of a pod as `pod ps` lists it (the infra container included). */
export interface PodContainerSummary {
  Id: string;
  Names: string;
  Status: string;
}

/** `podman pod ps --format json` for one pod, plus the ports its infra container publishes. */
export interface PodSummary {
  Id: string;
  Name: string;
  /** podman's pod status: Created, Running, Degraded, Paused, Stopped, Exited or Error. */
  Status: string;
  /** RFC 3339. */
  Created: string;
  /** '' for a pod without an infra container. */
  InfraId: string;
  Labels: Record<string, string>;
  Networks: string[];
  /** Oldest first, the infra container among them. */
  Containers: PodContainerSummary[];
  /** What the pod publishes on the host (through its infra container); null when nothing. */
  Ports: ContainerPort[] | null;
}

/** `podman pod inspect`: the fields front ends read are typed, the rest passes through. */
export interface PodInspect {
  Id: string;
  Name: string;
  Created: string;
  State: string;
  Hostname: string;
  Labels: Record<string, string>;
  InfraContainerID: string;
  SharedNamespaces: string[];
  NumContainers: number;
  Containers: Array<{ Id: string; Name: string; State: string }>;
  [field: string]: unknown;
}

/** One line of a pod's merged log: a container's line and which container wrote it. */
export interface PodLogLine extends ContainerLogLine {
  containerId: string;
  containerName: string;
}
