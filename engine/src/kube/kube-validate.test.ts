import { describe, expect, it } from 'vitest';
import { KubeYamlError } from './kube-errors.js';
import { manifestPodNames, planKubePlay } from './kube-plan.js';
import { formatCpuQuantity, formatMemoryQuantity, parseQuantity } from './kube-quantity.js';
import { parseKubeYaml } from './kube-validate.js';

function errorOf(text: string): KubeYamlError {
  try {
    parseKubeYaml(text, 'pod.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(KubeYamlError);
    return error as KubeYamlError;
  }
  throw new Error('expected the YAML to be refused');
}

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: server
    image: busybox
    command: [httpd]
    args: ["-f", "-p", "80"]
    ports:
    - containerPort: 80
      hostPort: 8080
`;

describe('parseKubeYaml', () => {
  it('reads every document of a multi-document file, skipping empty ones', () => {
    const manifest = parseKubeYaml(
      `---\n${POD}---\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: conf}\ndata: {a: b}\n`,
      'f.yaml',
    );
    expect(manifest.entries.map((e) => e.object.kind)).toEqual(['Pod', 'ConfigMap']);
    expect(manifest.entries.map((e) => e.document.index)).toEqual([1, 3]);
  });

  it('reports YAML syntax errors with the file and line', () => {
    const error = errorOf(
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n  - name: a\n   image: b\n',
    );
    expect(error.file).toBe('pod.yaml');
    expect(error.line).toBe(8);
    expect(error.message).toMatch(/^pod\.yaml:8: invalid YAML in document 1: /);
  });

  it('names the document, the field and the reason for a wrong shape, at the field line', () => {
    const error = errorOf(POD.replace('hostPort: 8080', 'hostPort: 99999'));
    expect(error.message).toBe(
      'pod.yaml:13: document 1 (Pod "web"): spec.containers[0].ports[0].hostPort: must be between 1 and 65535',
    );
    const missing = errorOf(POD.replace('    image: busybox\n', ''));
    expect(missing.line).toBe(7);
    expect(missing.message).toMatch(/document 1 \(Pod "web"\): spec\.containers\[0\]\.image: /);
    const second = errorOf(
      `${POD}---\napiVersion: v1\nkind: Pod\nmetadata: {name: b}\nspec:\n  containers: []\n`,
    );
    expect(second.message).toBe(
      'pod.yaml:19: document 2 (Pod "b"): spec.containers: a pod needs at least one container',
    );
  });

  it('refuses unknown kinds, undeclared volumes, duplicate names and bad quantities', () => {
    expect(errorOf('apiVersion: v1\nkind: Job\nmetadata: {name: j}\n').message).toMatch(
      /^pod\.yaml:2: document 1 \(Job "j"\): kind: kind "Job" is not supported: berth kube play handles Pod, Deployment/,
    );
    const mount = errorOf(`${POD}    volumeMounts:\n    - name: nope\n      mountPath: /x\n`);
    expect(mount.message).toMatch(/spec\.containers\[0\]\.volumeMounts\[0\]\.name: no volume named "nope"/);
    expect(mount.line).toBe(15);
    expect(errorOf(`${POD}---\n${POD}`).message).toMatch(/Pod "web" is also defined in document 1/);
    expect(errorOf(`${POD}    resources: {limits: {memory: lots}}\n`).message).toMatch(
      /resources\.limits\.memory: "lots" is not a Kubernetes quantity/,
    );
    expect(errorOf('- a\n- b\n').message).toMatch(/must be a mapping/);
  });
});

describe('planKubePlay', () => {
  it("resolves env from ConfigMaps and Secrets (envFrom first, env over it) and maps podman's fields", () => {
    const yaml = `apiVersion: v1
kind: ConfigMap
metadata: {name: conf}
data: {MODE: fast, LEVEL: "3"}
---
apiVersion: v1
kind: Secret
metadata: {name: creds}
data: {PASSWORD: c2VjcmV0}
stringData: {USER: admin}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: app}
spec:
  replicas: 2
  template:
    metadata: {labels: {app: app}}
    spec:
      terminationGracePeriodSeconds: 3
      containers:
      - name: main
        image: busybox
        envFrom: [{configMapRef: {name: conf}, prefix: CM_}]
        env:
        - {name: CM_MODE, value: slow}
        - {name: PW, valueFrom: {secretKeyRef: {name: creds, key: PASSWORD}}}
        - {name: WHO, valueFrom: {secretKeyRef: {name: creds, key: USER}}}
        - {name: POD, valueFrom: {fieldRef: {fieldPath: metadata.name}}}
        resources: {limits: {memory: 64Mi, cpu: 500m}}
        volumeMounts: [{name: cfg, mountPath: /etc/cfg}, {name: data, mountPath: /data}]
      volumes:
      - {name: cfg, configMap: {name: conf, items: [{key: MODE, path: mode.txt}]}}
      - {name: data, persistentVolumeClaim: {claimName: appdata}}
`;
    const manifest = parseKubeYaml(yaml, 'app.yaml');
    expect(manifestPodNames(manifest)).toEqual(['app-pod-0', 'app-pod-1']);
    const plan = planKubePlay(manifest);
    expect(plan.pods.map((p) => p.name)).toEqual(['app-pod-0', 'app-pod-1']);
    const request = plan.pods[1]!.containers[0]!.request;
    expect(request.name).toBe('app-pod-1-main');
    expect(request.env).toEqual(['CM_MODE=slow', 'CM_LEVEL=3', 'PW=secret', 'WHO=admin', 'POD=app-pod-1']);
    expect(request.memory).toBe(64 * 1024 * 1024);
    expect(request.cpus).toBe(0.5);
    expect(request.stopTimeout).toBe(3);
    expect(request.restartPolicy).toEqual({ name: 'always', maxRetries: 0 });
    expect(request.mounts).toEqual([
      {
        type: 'volume',
        name: 'conf',
        anonymous: false,
        destination: '/etc/cfg',
        readonly: true,
        options: ['nocopy'],
      },
      {
        type: 'volume',
        name: 'appdata',
        anonymous: false,
        destination: '/data',
        readonly: false,
        options: [],
      },
    ]);
    expect(plan.volumes).toEqual([
      { name: 'conf', files: { 'mode.txt': Buffer.from('fast') } },
      { name: 'appdata' },
    ]);
  });

  it('says which reference is missing, where', () => {
    const yaml = `${POD}    env:\n    - name: A\n      valueFrom: {configMapKeyRef: {name: absent, key: k}}\n`;
    expect(() => planKubePlay(parseKubeYaml(yaml, 'p.yaml'))).toThrow(
      /^p\.yaml:16: document 1 \(Pod "web"\): spec\.containers\[0\]\.env\[0\]\.valueFrom\.configMapKeyRef\.name: ConfigMap "absent" is not defined in this YAML/,
    );
    const optional = `${POD}    env:\n    - name: A\n      valueFrom: {configMapKeyRef: {name: absent, key: k, optional: true}}\n`;
    expect(planKubePlay(parseKubeYaml(optional, 'p.yaml')).pods[0]!.containers[0]!.request.env).toEqual([]);
  });

  it('publishes hostPorts on the pod and maps command/args to entrypoint/command', () => {
    const plan = planKubePlay(parseKubeYaml(POD, 'p.yaml'));
    expect(plan.pods[0]!.publish).toEqual(['8080:80/tcp']);
    expect(plan.pods[0]!.containers[0]!.request).toMatchObject({
      name: 'web-server',
      entrypoint: ['httpd'],
      command: ['-f', '-p', '80'],
      restartPolicy: { name: 'always', maxRetries: 0 },
    });
  });

  it('refuses a Secret value that is not base64', () => {
    const yaml = `apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ndata: {K: "not base64!"}\n---\n${POD}    envFrom: [{secretRef: {name: s}}]\n`;
    expect(() => planKubePlay(parseKubeYaml(yaml, 's.yaml'))).toThrow(
      /^s\.yaml:4: document 1 \(Secret "s"\): data\.K: the value is not base64/,
    );
  });
});

describe('quantities', () => {
  it('parses and formats Kubernetes quantities', () => {
    expect(parseQuantity('64Mi')).toBe(64 * 2 ** 20);
    expect(parseQuantity('1G')).toBe(1e9);
    expect(parseQuantity('500m')).toBe(0.5);
    expect(parseQuantity('1e3')).toBe(1000);
    expect(parseQuantity(2)).toBe(2);
    expect(parseQuantity('12 apples')).toBeUndefined();
    expect(formatMemoryQuantity(64 * 2 ** 20)).toBe('64Mi');
    expect(formatMemoryQuantity(1000)).toBe('1000');
    expect(formatCpuQuantity(0.5)).toBe('500m');
    expect(formatCpuQuantity(2)).toBe('2');
  });
});
