// The kube domain over podman's libpod routes: `generate/kube` (YAML text back), `play/kube`
// (the YAML as the body; the report's IDs completed with names from the pods' inspect) and
// `DELETE play/kube` for down (pods missing from the service are those not listed before).
import type { DomainCalls } from '../contract/engine-contract.js';
import type { KubePlayReport } from '../contract/kube-types.js';
import type { PodInspect } from '../contract/pod-types.js';
import { manifestPodNames, parseKubeYaml } from '../kube/index.js';
import { EngineError } from '../service/engine-error.js';
import { LIBPOD, enc, type RemoteContext } from './remote-context.js';

type KubeCalls = DomainCalls<'kube'>;
type Json = Record<string, unknown>;

export function remoteKubeCalls({ api }: RemoteContext): KubeCalls {
  const yamlBody = (yaml: string) => ({ body: yaml, contentType: 'application/yaml' });
  return {
    'kube.generate': async ({ names, service }) => {
      const response = await api.request('GET', `${LIBPOD}/generate/kube`, { query: { names, service } });
      return { yaml: response.body.toString('utf8'), warnings: [] };
    },
    'kube.play': async ({ yaml, fileName, replace, start }) => {
      // Checked here first, so a mistake names the user's file and line.
      parseKubeYaml(yaml, fileName);
      const report = await api.json<{ Pods?: Json[] | null; Volumes?: Json[] | null }>(
        'POST',
        `${LIBPOD}/play/kube`,
        {
          query: { replace, start },
          ...yamlBody(yaml),
        },
      );
      const pods: KubePlayReport['pods'] = [];
      for (const played of report.Pods ?? []) {
        const pod = await api.json<PodInspect>('GET', `${LIBPOD}/pods/${enc(String(played.ID))}/json`);
        const members = new Set((played.Containers as string[] | null) ?? []);
        pods.push({
          id: pod.Id,
          name: pod.Name,
          containers: pod.Containers.filter((c) => members.has(c.Id)).map((c) => ({
            id: c.Id,
            name: c.Name,
          })),
        });
      }
      return { pods, createdVolumes: (report.Volumes ?? []).map((v) => String(v.Name)) };
    },
    'kube.down': async ({ yaml, fileName }) => {
      const wanted = manifestPodNames(parseKubeYaml(yaml, fileName));
      const existing = new Map(
        ((await api.json<Json[] | null>('GET', `${LIBPOD}/pods/json`)) ?? []).map((p) => [
          String(p.Name),
          String(p.Id),
        ]),
      );
      const present = wanted.filter((name) => existing.has(name));
      if (present.length === 0) return { removed: [], missing: wanted };
      const report = await api.json<{ RmReport?: Array<{ Id: string; Err?: unknown }> | null }>(
        'DELETE',
        `${LIBPOD}/play/kube`,
        yamlBody(yaml),
      );
      const failed = (report.RmReport ?? []).find((r) => r.Err);
      if (failed) throw new EngineError(`removing pod ${failed.Id}: ${JSON.stringify(failed.Err)}`, 'engine');
      return {
        removed: present.map((name) => existing.get(name)!),
        missing: wanted.filter((n) => !existing.has(n)),
      };
    },
  };
}
