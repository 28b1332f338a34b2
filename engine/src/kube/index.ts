// The Kubernetes YAML domain's public API, for the CLI, the API service and the desktop app:
// parse and check YAML, play it, tear it down, and generate it from pods and containers.
export { KubeError, KubeYamlError } from './kube-errors.js';
export { parseKubeYaml, type KubeManifest, type KubeEntry } from './kube-validate.js';
export { planKubePlay, manifestPodNames, type KubePlayPlan } from './kube-plan.js';
export { playKube, type KubePlayOptions, type KubePlayResult, type PlayedPod } from './kube-play.js';
export { downKube, downKubePods, KubeDownMissingError, type KubeDownResult } from './kube-down.js';
export { generateKube, type KubeGenerateOptions, type KubeGenerateResult } from './kube-generate.js';
export { formatKubeYaml } from './kube-format.js';
export { checkKubernetesObject } from './kube-api-check.js';
