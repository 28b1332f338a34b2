// Kubernetes YAML as the engine reports it to front ends: what `kube generate` wrote, what
// `kube play` made and what `kube down` removed.

export interface KubeGenerateReport {
  /** The YAML, as `berth kube generate` prints it. */
  yaml: string;
  /** Things left out, for the user (e.g. a Service for a pod without ports). */
  warnings: string[];
}

export interface KubePlayedContainer {
  id: string;
  name: string;
}

export interface KubePlayedPod {
  id: string;
  name: string;
  /** The pod's containers (its infra container aside), in the YAML's order. */
  containers: KubePlayedContainer[];
}

export interface KubeDownReport {
  /** IDs of the pods removed, in the YAML's order. */
  removed: string[];
  /** Names in the YAML with no pod of that name. */
  missing: string[];
}

export interface KubePlayReport {
  pods: KubePlayedPod[];
  /** Named volumes the play created (PVCs, ConfigMap and Secret volumes). */
  createdVolumes: string[];
  /** What `replace` removed first. */
  replaced?: KubeDownReport;
}
