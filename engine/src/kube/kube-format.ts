// Kubernetes objects as the YAML text `kube generate` prints: podman's header comment, then one
// document per object, `---` between them.
import { stringify } from 'yaml';
import { BERTH_VERSION } from '../system/build-info.js';
import type { KubeObjectData } from './kube-generate.js';

export function formatKubeYaml(objects: readonly KubeObjectData[]): string {
  const header = [
    '# Save the output of this file and use kubectl create -f to import',
    '# it into Kubernetes.',
    '#',
    `# Created with berth-${BERTH_VERSION}`,
  ].join('\n');
  // lineWidth 0: long values (commands, annotations) stay on one line, as Go's YAML writes them.
  // YAML 1.1 rules quote strings that 1.1 readers (Go's yaml.v2, podman) would take for timestamps
  // or booleans (`2024-01-01T00:00:00Z`, `yes`, `on`).
  const documents = objects.map((object) => stringify(object, { lineWidth: 0, version: '1.1' }));
  return `${header}\n${documents.map((d) => `---\n${d}`).join('')}`;
}
