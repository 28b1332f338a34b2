// The kube domain: Kubernetes YAML generated from containers and pods, played (pods, Deployments,
// ConfigMaps, Secrets, volumes) and torn down. YAML errors name the file and line they point at
// (`<fileName>:<line>: ...`), with the contract's `invalid-input` code.
import { z } from 'zod';
import { call, defineDomain, returns } from './contract-spec.js';
import type { KubeDownReport, KubeGenerateReport, KubePlayReport } from './kube-types.js';

const yamlInput = {
  /** The YAML's text (the front end reads the file; the engine need not see it). */
  yaml: z.string().min(1).max(4_000_000),
  /** How errors name the YAML: `<fileName>:<line>: ...`. */
  fileName: z.string().min(1).max(512).default('(yaml)'),
};

export const kubeContract = defineDomain('kube', {
  calls: {
    /**
     * The YAML of pods (each with its containers) and of standalone containers (put together in one
     * pod, as podman does); `service` adds a NodePort Service for each pod with published ports.
     */
    'kube.generate': call(
      z
        .object({
          names: z.array(z.string().min(1).max(256)).min(1).max(1000),
          service: z.boolean().default(false),
        })
        .strict(),
      returns<KubeGenerateReport>(),
    ),
    /** Creates (and with `start`, starts) what the YAML describes; `replace` removes same-named pods first. */
    'kube.play': call(
      z
        .object({
          ...yamlInput,
          replace: z.boolean().default(false),
          start: z.boolean().default(true),
        })
        .strict(),
      returns<KubePlayReport>(),
    ),
    /** Stops and removes the pods the YAML describes (volumes stay); pods not found are reported, not errors. */
    'kube.down': call(z.object(yamlInput).strict(), returns<KubeDownReport>()),
  },
  streams: {},
});
