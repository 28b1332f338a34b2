// The kube domain of the contract on a local store: generate, play and down through the same
// functions as `berth kube` (engine/src/kube), the YAML passed as text. A YAML or shape error
// keeps its `file:line: ...` message and becomes `invalid-input`, so the front end can point at it.
import type { DomainCalls } from '../contract/engine-contract.js';
import type { KubeDownReport } from '../contract/kube-types.js';
import { getContainerRecord } from '../container/container-records.js';
import {
  downKube,
  formatKubeYaml,
  generateKube,
  KubeError,
  KubeYamlError,
  parseKubeYaml,
  playKube,
  type KubeDownResult,
  type KubeManifest,
} from '../kube/index.js';
import type { WireErrorCode } from '../service/engine-error.js';
import { EngineError } from '../service/engine-error.js';
import type { Store } from '../state/store.js';
import { podErrorCode } from './pod-handlers.js';

type KubeCalls = DomainCalls<'kube'>;

export function kubeErrorCode(error: unknown): WireErrorCode | undefined {
  if (error instanceof KubeYamlError) return 'invalid-input';
  if (error instanceof KubeError) return 'engine';
  return podErrorCode(error);
}

function manifestOf(yaml: string, fileName: string): KubeManifest {
  const manifest = parseKubeYaml(yaml, fileName);
  if (manifest.entries.length === 0)
    throw new EngineError(`${fileName}: no Kubernetes objects in the YAML: nothing to do`, 'invalid-input');
  return manifest;
}

function downReport(result: KubeDownResult): KubeDownReport {
  return { removed: result.removed, missing: result.missing };
}

export function kubeCalls(store: () => Store): KubeCalls {
  return {
    'kube.generate': async ({ names, service }) => {
      const generated = await generateKube(store(), names, { service });
      return { yaml: formatKubeYaml(generated.objects), warnings: generated.warnings };
    },
    'kube.play': async ({ yaml, fileName, replace, start }) => {
      const manifest = manifestOf(yaml, fileName);
      const s = store();
      const result = await playKube(s, manifest, {
        replace,
        start,
        createCommand: ['berth', 'kube', 'play', ...(replace ? ['--replace'] : []), fileName],
      });
      return {
        pods: result.pods.map((pod) => ({
          id: pod.id,
          name: pod.name,
          containers: pod.containerIds.map((id) => ({ id, name: getContainerRecord(s.db, id)?.name ?? id })),
        })),
        createdVolumes: result.createdVolumes,
        ...(result.replaced ? { replaced: downReport(result.replaced) } : {}),
      };
    },
    'kube.down': async ({ yaml, fileName }) =>
      downReport(await downKube(store(), manifestOf(yaml, fileName), { ignoreMissing: true })),
  };
}
