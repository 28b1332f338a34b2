// The Kubernetes API server's validation of Pods and Services, for the fields and rules that
// matter to what `kube generate` writes: only fields the API knows (core/v1 names, as a strict
// decoder would accept), names that are DNS labels or subdomains, label and annotation syntax,
// port ranges, quantities, enums, volume references. A cluster offline is no excuse for YAML it
// would refuse: generate checks its own output with this, and tests check it independently.
import { parseQuantity } from './kube-quantity.js';

type Data = Record<string, unknown>;

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
const PROTOCOLS = ['TCP', 'UDP', 'SCTP'];
const HOST_PATH_TYPES = [
  '',
  'DirectoryOrCreate',
  'Directory',
  'FileOrCreate',
  'File',
  'Socket',
  'CharDevice',
  'BlockDevice',
];

/** Field names of the core/v1 types (a strict decoder rejects any other). */
const FIELDS: Record<string, readonly string[]> = {
  Pod: ['apiVersion', 'kind', 'metadata', 'spec', 'status'],
  Service: ['apiVersion', 'kind', 'metadata', 'spec', 'status'],
  ObjectMeta: [
    'name',
    'generateName',
    'namespace',
    'uid',
    'resourceVersion',
    'generation',
    'creationTimestamp',
    'deletionTimestamp',
    'deletionGracePeriodSeconds',
    'labels',
    'annotations',
    'ownerReferences',
    'finalizers',
    'managedFields',
    'selfLink',
  ],
  PodSpec: [
    'volumes',
    'initContainers',
    'containers',
    'ephemeralContainers',
    'restartPolicy',
    'terminationGracePeriodSeconds',
    'activeDeadlineSeconds',
    'dnsPolicy',
    'nodeSelector',
    'serviceAccountName',
    'serviceAccount',
    'automountServiceAccountToken',
    'nodeName',
    'hostNetwork',
    'hostPID',
    'hostIPC',
    'shareProcessNamespace',
    'securityContext',
    'imagePullSecrets',
    'hostname',
    'subdomain',
    'affinity',
    'schedulerName',
    'tolerations',
    'hostAliases',
    'priorityClassName',
    'priority',
    'dnsConfig',
    'readinessGates',
    'runtimeClassName',
    'enableServiceLinks',
    'preemptionPolicy',
    'overhead',
    'topologySpreadConstraints',
    'setHostnameAsFQDN',
    'os',
    'hostUsers',
    'schedulingGates',
    'resourceClaims',
  ],
  Container: [
    'name',
    'image',
    'command',
    'args',
    'workingDir',
    'ports',
    'envFrom',
    'env',
    'resources',
    'resizePolicy',
    'restartPolicy',
    'volumeMounts',
    'volumeDevices',
    'livenessProbe',
    'readinessProbe',
    'startupProbe',
    'lifecycle',
    'terminationMessagePath',
    'terminationMessagePolicy',
    'imagePullPolicy',
    'securityContext',
    'stdin',
    'stdinOnce',
    'tty',
  ],
  ContainerPort: ['name', 'hostPort', 'containerPort', 'protocol', 'hostIP'],
  EnvVar: ['name', 'value', 'valueFrom'],
  VolumeMount: [
    'name',
    'readOnly',
    'recursiveReadOnly',
    'mountPath',
    'subPath',
    'mountPropagation',
    'subPathExpr',
  ],
  ResourceRequirements: ['limits', 'requests', 'claims'],
  SecurityContext: [
    'capabilities',
    'privileged',
    'seLinuxOptions',
    'windowsOptions',
    'runAsUser',
    'runAsGroup',
    'runAsNonRoot',
    'readOnlyRootFilesystem',
    'allowPrivilegeEscalation',
    'procMount',
    'seccompProfile',
    'appArmorProfile',
  ],
  Capabilities: ['add', 'drop'],
  Volume: [
    'name',
    'hostPath',
    'emptyDir',
    'persistentVolumeClaim',
    'configMap',
    'secret',
    'downwardAPI',
    'projected',
    'nfs',
    'csi',
    'ephemeral',
    'image',
  ],
  HostPathVolumeSource: ['path', 'type'],
  EmptyDirVolumeSource: ['medium', 'sizeLimit'],
  PersistentVolumeClaimVolumeSource: ['claimName', 'readOnly'],
  ServiceSpec: [
    'ports',
    'selector',
    'clusterIP',
    'clusterIPs',
    'type',
    'externalIPs',
    'sessionAffinity',
    'loadBalancerIP',
    'loadBalancerSourceRanges',
    'externalName',
    'externalTrafficPolicy',
    'healthCheckNodePort',
    'publishNotReadyAddresses',
    'sessionAffinityConfig',
    'ipFamilies',
    'ipFamilyPolicy',
    'allocateLoadBalancerNodePorts',
    'loadBalancerClass',
    'internalTrafficPolicy',
    'trafficDistribution',
  ],
  ServicePort: ['name', 'protocol', 'appProtocol', 'port', 'targetPort', 'nodePort'],
};

class Checker {
  readonly problems: string[] = [];

  fail(at: string, why: string): void {
    this.problems.push(`${at}: ${why}`);
  }

  object(value: unknown, type: string, at: string): Data | undefined {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.fail(at, `must be an object (${type})`);
      return undefined;
    }
    for (const key of Object.keys(value))
      if (!FIELDS[type]!.includes(key)) this.fail(`${at}.${key}`, `unknown field in ${type}`);
    return value as Data;
  }

  list(value: unknown, at: string): unknown[] {
    if (value === undefined) return [];
    if (!Array.isArray(value)) {
      this.fail(at, 'must be a list');
      return [];
    }
    return value;
  }

  string(value: unknown, at: string, required = false): string | undefined {
    if (value === undefined) {
      if (required) this.fail(at, 'Required value');
      return undefined;
    }
    if (typeof value !== 'string') this.fail(at, 'must be a string');
    return typeof value === 'string' ? value : undefined;
  }

  strings(value: unknown, at: string): void {
    for (const [i, item] of this.list(value, at).entries()) this.string(item, `${at}[${i}]`, true);
  }

  integer(value: unknown, at: string, min: number, max: number, required = false): number | undefined {
    if (value === undefined) {
      if (required) this.fail(at, 'Required value');
      return undefined;
    }
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      this.fail(at, `must be an integer between ${min} and ${max}`);
      return undefined;
    }
    return value;
  }

  boolean(value: unknown, at: string): void {
    if (value !== undefined && typeof value !== 'boolean') this.fail(at, 'must be a boolean');
  }

  oneOf(value: unknown, allowed: readonly string[], at: string): void {
    if (value !== undefined && !allowed.includes(value as string))
      this.fail(at, `Unsupported value ${JSON.stringify(value)}: supported values: ${allowed.join(', ')}`);
  }

  dnsLabel(value: unknown, at: string): void {
    const text = this.string(value, at, true);
    if (text !== undefined && !(text.length <= 63 && DNS_LABEL.test(text)))
      this.fail(at, `"${text}" must be a DNS-1123 label (lowercase letters, digits, '-'; at most 63)`);
  }

  dnsSubdomain(value: unknown, at: string): void {
    const text = this.string(value, at, true);
    if (text !== undefined && !(text.length <= 253 && DNS_SUBDOMAIN.test(text)))
      this.fail(at, `"${text}" must be a DNS-1123 subdomain`);
  }

  qualifiedName(key: string, at: string): void {
    const slash = key.lastIndexOf('/');
    const name = slash < 0 ? key : key.slice(slash + 1);
    if (slash >= 0) {
      const prefix = key.slice(0, slash);
      if (!(prefix.length <= 253 && DNS_SUBDOMAIN.test(prefix)))
        this.fail(at, `key prefix "${prefix}" must be a DNS subdomain`);
    }
    if (!(name.length <= 63 && QUALIFIED_NAME.test(name)))
      this.fail(at, `"${key}" is not a valid qualified name`);
  }

  stringMap(value: unknown, at: string, checkValue?: (v: string, at: string) => void): void {
    if (value === undefined) return;
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      return this.fail(at, 'must be a map');
    for (const [key, item] of Object.entries(value)) {
      this.qualifiedName(key, `${at}[${key}]`);
      const text = this.string(item, `${at}[${key}]`, true);
      if (text !== undefined) checkValue?.(text, `${at}[${key}]`);
    }
  }

  metadata(value: unknown, at: string): void {
    const meta = this.object(value, 'ObjectMeta', at);
    if (!meta) return;
    this.dnsSubdomain(meta.name, `${at}.name`);
    this.stringMap(meta.labels, `${at}.labels`, (v, where) => {
      if (!(v.length <= 63 && LABEL_VALUE.test(v))) this.fail(where, `"${v}" is not a valid label value`);
    });
    this.stringMap(meta.annotations, `${at}.annotations`);
    const size = Object.entries((meta.annotations as Data | undefined) ?? {}).reduce(
      (sum, [k, v]) => sum + k.length + String(v).length,
      0,
    );
    if (size > 256 * 1024) this.fail(`${at}.annotations`, 'Too long: must have at most 262144 bytes');
    this.string(meta.creationTimestamp, `${at}.creationTimestamp`);
  }

  quantity(value: unknown, at: string): void {
    if (value === undefined) return;
    if ((typeof value !== 'string' && typeof value !== 'number') || parseQuantity(value) === undefined)
      this.fail(at, `${JSON.stringify(value)} is not a valid quantity`);
  }

  container(value: unknown, at: string, volumes: ReadonlySet<string>): Data | undefined {
    const c = this.object(value, 'Container', at);
    if (!c) return undefined;
    this.dnsLabel(c.name, `${at}.name`);
    this.string(c.image, `${at}.image`, true);
    this.strings(c.command, `${at}.command`);
    this.strings(c.args, `${at}.args`);
    this.string(c.workingDir, `${at}.workingDir`);
    this.boolean(c.tty, `${at}.tty`);
    this.boolean(c.stdin, `${at}.stdin`);
    this.oneOf(c.imagePullPolicy, ['Always', 'IfNotPresent', 'Never'], `${at}.imagePullPolicy`);
    for (const [i, item] of this.list(c.env, `${at}.env`).entries()) {
      const env = this.object(item, 'EnvVar', `${at}.env[${i}]`);
      const name = this.string(env?.name, `${at}.env[${i}].name`, true);
      if (name !== undefined && !ENV_NAME.test(name))
        this.fail(`${at}.env[${i}].name`, `"${name}" is not a valid environment variable name`);
      this.string(env?.value, `${at}.env[${i}].value`);
    }
    for (const [i, item] of this.list(c.ports, `${at}.ports`).entries()) {
      const port = this.object(item, 'ContainerPort', `${at}.ports[${i}]`);
      if (!port) continue;
      this.integer(port.containerPort, `${at}.ports[${i}].containerPort`, 1, 65535, true);
      this.integer(port.hostPort, `${at}.ports[${i}].hostPort`, 1, 65535);
      this.oneOf(port.protocol, PROTOCOLS, `${at}.ports[${i}].protocol`);
      this.string(port.hostIP, `${at}.ports[${i}].hostIP`);
      if (port.name !== undefined) this.string(port.name, `${at}.ports[${i}].name`);
    }
    const mountPaths = new Set<string>();
    for (const [i, item] of this.list(c.volumeMounts, `${at}.volumeMounts`).entries()) {
      const mount = this.object(item, 'VolumeMount', `${at}.volumeMounts[${i}]`);
      if (!mount) continue;
      const name = this.string(mount.name, `${at}.volumeMounts[${i}].name`, true);
      if (name !== undefined && !volumes.has(name))
        this.fail(`${at}.volumeMounts[${i}].name`, `Not found: "${name}"`);
      const mountPath = this.string(mount.mountPath, `${at}.volumeMounts[${i}].mountPath`, true);
      if (mountPath !== undefined && mountPaths.has(mountPath))
        this.fail(`${at}.volumeMounts[${i}].mountPath`, `Invalid value: "${mountPath}": must be unique`);
      if (mountPath !== undefined) mountPaths.add(mountPath);
      this.boolean(mount.readOnly, `${at}.volumeMounts[${i}].readOnly`);
    }
    if (c.resources !== undefined) {
      const resources = this.object(c.resources, 'ResourceRequirements', `${at}.resources`);
      for (const kind of ['limits', 'requests'] as const) {
        const list = resources?.[kind];
        if (list === undefined) continue;
        if (typeof list !== 'object' || list === null) this.fail(`${at}.resources.${kind}`, 'must be a map');
        else
          for (const [name, q] of Object.entries(list)) this.quantity(q, `${at}.resources.${kind}.${name}`);
      }
    }
    if (c.securityContext !== undefined) {
      const sc = this.object(c.securityContext, 'SecurityContext', `${at}.securityContext`);
      if (sc) {
        this.boolean(sc.privileged, `${at}.securityContext.privileged`);
        this.boolean(sc.readOnlyRootFilesystem, `${at}.securityContext.readOnlyRootFilesystem`);
        this.boolean(sc.allowPrivilegeEscalation, `${at}.securityContext.allowPrivilegeEscalation`);
        this.integer(sc.runAsUser, `${at}.securityContext.runAsUser`, 0, 2 ** 31 - 1);
        this.integer(sc.runAsGroup, `${at}.securityContext.runAsGroup`, 0, 2 ** 31 - 1);
        if (sc.privileged === true && sc.allowPrivilegeEscalation === false)
          this.fail(
            `${at}.securityContext`,
            'cannot set allowPrivilegeEscalation to false and privileged to true',
          );
        if (sc.capabilities !== undefined) {
          const caps = this.object(sc.capabilities, 'Capabilities', `${at}.securityContext.capabilities`);
          this.strings(caps?.add, `${at}.securityContext.capabilities.add`);
          this.strings(caps?.drop, `${at}.securityContext.capabilities.drop`);
        }
      }
    }
    return c;
  }

  pod(pod: Data): void {
    this.metadata(pod.metadata, 'metadata');
    const spec = this.object(pod.spec, 'PodSpec', 'spec');
    if (!spec) return;
    const volumes = new Set<string>();
    for (const [i, item] of this.list(spec.volumes, 'spec.volumes').entries()) {
      const at = `spec.volumes[${i}]`;
      const volume = this.object(item, 'Volume', at);
      if (!volume) continue;
      this.dnsLabel(volume.name, `${at}.name`);
      if (typeof volume.name === 'string') {
        if (volumes.has(volume.name)) this.fail(`${at}.name`, `Duplicate value: "${volume.name}"`);
        volumes.add(volume.name);
      }
      const sources = Object.keys(volume).filter((k) => k !== 'name');
      if (sources.length !== 1) this.fail(at, 'must specify exactly one volume source');
      if (volume.hostPath !== undefined) {
        const hostPath = this.object(volume.hostPath, 'HostPathVolumeSource', `${at}.hostPath`);
        const p = this.string(hostPath?.path, `${at}.hostPath.path`, true);
        if (p !== undefined && !p.startsWith('/'))
          this.fail(`${at}.hostPath.path`, 'must be an absolute path');
        this.oneOf(hostPath?.type, HOST_PATH_TYPES, `${at}.hostPath.type`);
      }
      if (volume.emptyDir !== undefined) {
        const emptyDir = this.object(volume.emptyDir, 'EmptyDirVolumeSource', `${at}.emptyDir`);
        this.oneOf(emptyDir?.medium, ['', 'Memory', 'HugePages'], `${at}.emptyDir.medium`);
      }
      if (volume.persistentVolumeClaim !== undefined) {
        const claim = this.object(
          volume.persistentVolumeClaim,
          'PersistentVolumeClaimVolumeSource',
          `${at}.persistentVolumeClaim`,
        );
        this.dnsSubdomain(claim?.claimName, `${at}.persistentVolumeClaim.claimName`);
      }
    }
    const containers = this.list(spec.containers, 'spec.containers');
    if (containers.length === 0) this.fail('spec.containers', 'Required value');
    const names = new Set<string>();
    const hostPorts = new Set<string>();
    for (const [i, item] of containers.entries()) {
      const c = this.container(item, `spec.containers[${i}]`, volumes);
      if (!c) continue;
      if (typeof c.name === 'string') {
        if (names.has(c.name)) this.fail(`spec.containers[${i}].name`, `Duplicate value: "${c.name}"`);
        names.add(c.name);
      }
      for (const port of (c.ports as Data[] | undefined) ?? []) {
        if (port.hostPort === undefined) continue;
        const key = `${String(port.hostIP ?? '')}/${String(port.hostPort)}/${String(port.protocol ?? 'TCP')}`;
        if (hostPorts.has(key))
          this.fail(`spec.containers[${i}].ports`, `Duplicate value: host port ${String(port.hostPort)}`);
        hostPorts.add(key);
      }
    }
    this.oneOf(spec.restartPolicy, ['Always', 'OnFailure', 'Never'], 'spec.restartPolicy');
    if (spec.hostname !== undefined) this.dnsLabel(spec.hostname, 'spec.hostname');
    this.boolean(spec.hostNetwork, 'spec.hostNetwork');
    this.integer(
      spec.terminationGracePeriodSeconds,
      'spec.terminationGracePeriodSeconds',
      0,
      Number.MAX_SAFE_INTEGER,
    );
    if (spec.hostNetwork === true)
      for (const [i, item] of containers.entries())
        for (const port of ((item as Data).ports as Data[] | undefined) ?? [])
          if (port.hostPort !== undefined && port.hostPort !== port.containerPort)
            this.fail(
              `spec.containers[${i}].ports`,
              'hostPort must match containerPort when hostNetwork is true',
            );
  }

  service(service: Data): void {
    this.metadata(service.metadata, 'metadata');
    if (typeof (service.metadata as Data | undefined)?.name === 'string')
      this.dnsLabel((service.metadata as Data).name, 'metadata.name');
    const spec = this.object(service.spec, 'ServiceSpec', 'spec');
    if (!spec) return;
    this.oneOf(spec.type, ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'], 'spec.type');
    const ports = this.list(spec.ports, 'spec.ports');
    if (ports.length === 0 && spec.type !== 'ExternalName') this.fail('spec.ports', 'Required value');
    const names = new Set<string>();
    for (const [i, item] of ports.entries()) {
      const at = `spec.ports[${i}]`;
      const port = this.object(item, 'ServicePort', at);
      if (!port) continue;
      if (port.name !== undefined || ports.length > 1) {
        this.dnsLabel(port.name, `${at}.name`);
        if (typeof port.name === 'string' && names.has(port.name))
          this.fail(`${at}.name`, `Duplicate value: "${port.name}"`);
        if (typeof port.name === 'string') names.add(port.name);
      }
      this.integer(port.port, `${at}.port`, 1, 65535, true);
      this.oneOf(port.protocol, PROTOCOLS, `${at}.protocol`);
      if (typeof port.targetPort === 'number') this.integer(port.targetPort, `${at}.targetPort`, 1, 65535);
      else if (port.targetPort !== undefined) this.string(port.targetPort, `${at}.targetPort`);
      if (port.nodePort !== undefined) {
        if (spec.type !== 'NodePort' && spec.type !== 'LoadBalancer')
          this.fail(`${at}.nodePort`, 'may not be used when type is not NodePort or LoadBalancer');
        this.integer(port.nodePort, `${at}.nodePort`, 30000, 32767);
      }
    }
    this.stringMap(spec.selector, 'spec.selector');
  }
}

/** The reasons the API server would refuse `object` (a v1 Pod or Service); empty when valid. */
export function checkKubernetesObject(object: Data): string[] {
  const checker = new Checker();
  if (object.apiVersion !== 'v1') checker.fail('apiVersion', `must be "v1" for ${String(object.kind)}`);
  if (object.kind === 'Pod') {
    checker.object(object, 'Pod', '(Pod)');
    checker.pod(object);
  } else if (object.kind === 'Service') {
    checker.object(object, 'Service', '(Service)');
    checker.service(object);
  } else checker.fail('kind', `${JSON.stringify(object.kind)} is not checked here (Pod and Service are)`);
  return checker.problems;
}
