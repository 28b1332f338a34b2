// Turns YAML text into checked Kubernetes objects: each document's shape against the schema of
// its kind, then the rules the schema cannot say (unique names, mounts naming declared volumes,
// one source per volume). Every complaint names the file, line, document and field, and why.
import type { z } from 'zod';
import { KubeYamlError } from './kube-errors.js';
import { parseQuantity } from './kube-quantity.js';
import { KIND_SCHEMAS, type KubeKind, type KubeObject, type KubePodSpec } from './kube-schema.js';
import { parseYamlDocuments, type FieldPath, type YamlDocument } from './kube-yaml.js';

export interface KubeEntry<T extends KubeObject = KubeObject> {
  object: T;
  document: YamlDocument;
}

export interface KubeManifest {
  /** Where the YAML came from (a path, or `(stdin)`), for messages. */
  file: string;
  entries: KubeEntry[];
}

/** Pod and container names become Berth names, which have this syntax. */
const BERTH_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;
const VOLUME_SOURCES = ['hostPath', 'persistentVolumeClaim', 'configMap', 'secret', 'emptyDir'] as const;
/** The downward API fields `kube play` can fill in. */
export const SUPPORTED_FIELD_PATHS = new Set(['metadata.name', 'metadata.namespace', 'spec.nodeName']);

export function formatPath(path: FieldPath): string {
  let out = '';
  for (const segment of path)
    out += typeof segment === 'number' ? `[${segment}]` : `${out ? '.' : ''}${segment}`;
  return out || '(document)';
}

/** A located complaint about `path` in `document`. */
export function fieldError(
  file: string,
  document: YamlDocument,
  label: string,
  path: FieldPath,
  why: string,
): KubeYamlError {
  return new KubeYamlError(file, document.lineOf(path), `${label}: ${formatPath(path)}: ${why}`);
}

function documentLabel(document: YamlDocument): string {
  const value = document.value as { kind?: unknown; metadata?: { name?: unknown } } | null;
  const kind = typeof value?.kind === 'string' ? value.kind : 'object';
  const name = typeof value?.metadata?.name === 'string' ? ` "${value.metadata.name}"` : '';
  return `document ${document.index} (${kind}${name})`;
}

function checkPodSpec(
  file: string,
  document: YamlDocument,
  label: string,
  spec: KubePodSpec,
  at: FieldPath,
): void {
  const fail = (path: FieldPath, why: string) => fieldError(file, document, label, [...at, ...path], why);
  if ((spec.initContainers ?? []).length > 0)
    throw fail(['initContainers'], 'init containers are not supported by berth kube play: remove them');
  const volumes = new Map<string, number>();
  for (const [i, volume] of (spec.volumes ?? []).entries()) {
    if (volumes.has(volume.name))
      throw fail(
        ['volumes', i, 'name'],
        `volume name "${volume.name}" is used twice: give each volume its own name`,
      );
    volumes.set(volume.name, i);
    const sources = VOLUME_SOURCES.filter((s) => volume[s] !== undefined);
    if (sources.length !== 1)
      throw fail(
        ['volumes', i],
        sources.length === 0
          ? `volume "${volume.name}" has no supported source: use one of ${VOLUME_SOURCES.join(', ')}`
          : `volume "${volume.name}" has more than one source (${sources.join(', ')}): keep one`,
      );
  }
  const containerNames = new Set<string>();
  const hostPorts = new Set<string>();
  for (const [i, container] of spec.containers.entries()) {
    const here = (path: FieldPath, why: string) => fail(['containers', i, ...path], why);
    if (!BERTH_NAME.test(container.name))
      throw here(['name'], `"${container.name}" is not a valid container name: use letters, digits, _ . -`);
    if (containerNames.has(container.name))
      throw here(['name'], `container name "${container.name}" is used twice in this pod: rename one`);
    containerNames.add(container.name);
    const mountPaths = new Set<string>();
    for (const [j, mount] of (container.volumeMounts ?? []).entries()) {
      if (!volumes.has(mount.name))
        throw here(
          ['volumeMounts', j, 'name'],
          `no volume named "${mount.name}" in spec.volumes: declare it there or fix the name`,
        );
      if (mountPaths.has(mount.mountPath))
        throw here(
          ['volumeMounts', j, 'mountPath'],
          `${mount.mountPath} is mounted twice: keep one mount there`,
        );
      mountPaths.add(mount.mountPath);
      if (mount.subPath)
        throw here(
          ['volumeMounts', j, 'subPath'],
          'subPath is not supported by berth kube play: mount the whole volume',
        );
    }
    for (const [j, env] of (container.env ?? []).entries()) {
      if (env.value !== undefined && env.valueFrom !== undefined)
        throw here(['env', j], `env "${env.name}" has both value and valueFrom: keep one`);
      if (env.valueFrom) {
        const refs = Object.keys(env.valueFrom).filter(
          (k) => env.valueFrom![k as keyof typeof env.valueFrom] !== undefined,
        );
        if (refs.length !== 1)
          throw here(
            ['env', j, 'valueFrom'],
            'valueFrom needs exactly one of configMapKeyRef, secretKeyRef, fieldRef',
          );
        const fieldPath = env.valueFrom.fieldRef?.fieldPath;
        if (fieldPath !== undefined && !SUPPORTED_FIELD_PATHS.has(fieldPath))
          throw here(
            ['env', j, 'valueFrom', 'fieldRef', 'fieldPath'],
            `fieldPath "${fieldPath}" is not supported: use one of ${[...SUPPORTED_FIELD_PATHS].join(', ')}`,
          );
      }
    }
    for (const [j, from] of (container.envFrom ?? []).entries())
      if ((from.configMapRef === undefined) === (from.secretRef === undefined))
        throw here(['envFrom', j], 'envFrom needs exactly one of configMapRef, secretRef');
    for (const [j, port] of (container.ports ?? []).entries()) {
      if (port.hostPort === undefined) continue;
      const key = `${port.hostIP ?? ''}:${port.hostPort}/${port.protocol ?? 'TCP'}`;
      if (hostPorts.has(key))
        throw here(
          ['ports', j, 'hostPort'],
          `host port ${port.hostPort} is published twice in this pod: use another`,
        );
      hostPorts.add(key);
    }
    for (const kind of ['limits', 'requests'] as const)
      for (const resource of ['memory', 'cpu'] as const) {
        const value = container.resources?.[kind]?.[resource];
        if (value === undefined) continue;
        const parsed = parseQuantity(value);
        if (parsed === undefined || parsed < 0)
          throw here(
            ['resources', kind, resource],
            `"${value}" is not a Kubernetes quantity: write e.g. ${resource === 'memory' ? '64Mi or 1G' : '500m or 2'}`,
          );
      }
  }
}

function checkObject(file: string, entry: KubeEntry): void {
  const { object, document } = entry;
  const label = documentLabel(document);
  if (object.kind === 'Pod' || object.kind === 'Deployment') {
    if (!BERTH_NAME.test(object.metadata.name))
      throw fieldError(
        file,
        document,
        label,
        ['metadata', 'name'],
        `"${object.metadata.name}" is not a valid pod name: use letters, digits, _ . -`,
      );
    if (object.kind === 'Pod') checkPodSpec(file, document, label, object.spec, ['spec']);
    else checkPodSpec(file, document, label, object.spec.template.spec, ['spec', 'template', 'spec']);
  }
  if (object.kind === 'Deployment' && (object.spec.template.spec.restartPolicy ?? 'Always') !== 'Always')
    throw fieldError(
      file,
      document,
      label,
      ['spec', 'template', 'spec', 'restartPolicy'],
      'a Deployment\'s pods must use restartPolicy "Always" (Kubernetes rule): use a Pod for others',
    );
}

/** Parses and checks a whole YAML file (all its documents) as Kubernetes objects. */
export function parseKubeYaml(text: string, file: string): KubeManifest {
  const entries: KubeEntry[] = [];
  const seen = new Map<string, YamlDocument>();
  for (const document of parseYamlDocuments(text, file)) {
    const label = documentLabel(document);
    const value = document.value;
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      throw fieldError(
        file,
        document,
        label,
        [],
        'a Kubernetes object must be a mapping (apiVersion, kind, metadata...)',
      );
    const kind = (value as { kind?: unknown }).kind;
    if (typeof kind !== 'string')
      throw fieldError(
        file,
        document,
        label,
        ['kind'],
        'kind is missing: say which object this is (Pod, Deployment...)',
      );
    const schema = (KIND_SCHEMAS as Record<string, z.ZodType<KubeObject>>)[kind];
    if (!schema)
      throw fieldError(
        file,
        document,
        label,
        ['kind'],
        `kind "${kind}" is not supported: berth kube play handles ${Object.keys(KIND_SCHEMAS).join(', ')}`,
      );
    const result = schema.safeParse(value);
    if (!result.success) {
      const issue = result.error.issues[0]!;
      const path = issue.path.filter((s): s is string | number => typeof s !== 'symbol');
      throw fieldError(file, document, label, path, issue.message);
    }
    const entry: KubeEntry = { object: result.data, document };
    checkObject(file, entry);
    const key = `${kind as KubeKind}/${result.data.metadata.name}`;
    const earlier = seen.get(key);
    if (earlier)
      throw fieldError(
        file,
        document,
        label,
        ['metadata', 'name'],
        `${kind} "${result.data.metadata.name}" is also defined in document ${earlier.index}: names must be unique`,
      );
    seen.set(key, document);
    entries.push(entry);
  }
  return { file, entries };
}
