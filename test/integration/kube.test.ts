// Kubernetes YAML with real runc, conmon and netavark: `kube generate` for containers and pods
// (checked against the API server's rules), round trips through Berth and through podman both
// ways, Deployments, ConfigMaps, Secrets, hostPath and PVC volumes, --replace, --down and
// `kube down`, and failures (bad YAML, unknown image, port conflict) that leave nothing behind.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { checkKubernetesObject } from '../../engine/src/kube/kube-api-check.js';
import { containerStore, eventually, type ContainerStore } from './helpers/container-store.js';
import { PODMAN_AVAILABLE, tempPodmanStore } from './helpers/podman-store.js';

let store: ContainerStore;
let work: string;
let httpd: string;

type Data = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function documents(text: string): Data[] {
  return parseAllDocuments(text).map((d) => d.toJS() as Data);
}

function writeYaml(name: string, text: string): string {
  const file = path.join(work, name);
  writeFileSync(file, text);
  return file;
}

async function inspect(name: string): Promise<Data> {
  return (JSON.parse(await store.ok(['inspect', name])) as Data[])[0]!;
}

/** Pods, containers and volumes in the store: what a failed play must not change. */
async function inventory(): Promise<string> {
  return [
    await store.ok(['pod', 'ps', '-q']),
    await store.ok(['ps', '-a', '-q']),
    await store.ok(['volume', 'ls', '-q']),
  ].join('|');
}

beforeAll(async () => {
  store = await containerStore();
  work = mkdtempSync(path.join(os.tmpdir(), 'berth-kube-'));
  httpd = `${inject('registryHost')}/library/httpd`;
});

afterAll(async () => {
  if (store) await store.run(['pod', 'rm', '-a', '-f', '-t', '0'], { timeoutMs: 60_000 });
  await store?.dispose();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('kube generate', () => {
  it("describes a container as podman's Pod (and Service with -s) that passes the API server's checks", async () => {
    const hostPort = await freePort();
    const hostDir = mkdtempSync(path.join(work, 'bind-'));
    await store.ok([
      'create',
      '--name',
      'gen_web',
      '-p',
      `${hostPort}:80`,
      '-e',
      'FOO=bar',
      '-w',
      '/tmp',
      '-v',
      'gendata:/data',
      '-v',
      `${hostDir}:/host:ro`,
      '--tmpfs',
      '/scratch',
      '--memory',
      '64m',
      '--cpus',
      '0.5',
      '--restart',
      'on-failure',
      '--cap-add',
      'NET_ADMIN',
      '-u',
      '1000:1000',
      store.busybox,
      'httpd',
      '-f',
      '-p',
      '80',
    ]);
    const text = await store.ok(['kube', 'generate', '-s', 'gen_web']);
    expect(text).toMatch(/^# Save the output of this file and use kubectl create -f to import/);
    const [service, pod] = documents(text);
    for (const object of [service!, pod!]) expect(checkKubernetesObject(object)).toEqual([]);
    expect(service).toMatchObject({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'genweb-pod' },
      spec: {
        type: 'NodePort',
        selector: { app: 'genweb-pod' },
        ports: [{ name: '80', port: 80, targetPort: 80 }],
      },
    });
    const nodePort = (service!.spec.ports[0] as Data).nodePort as number;
    expect(nodePort).toBeGreaterThanOrEqual(30000);
    expect(nodePort).toBeLessThanOrEqual(32767);
    // podman drops underscores; the pod is named after the container, with -pod on a name clash.
    expect(pod!.metadata).toMatchObject({ name: 'genweb-pod', labels: { app: 'genweb-pod' } });
    expect(pod!.metadata.annotations['io.podman.annotations.init/genweb']).toBe('FALSE');
    expect(pod!.spec).toMatchObject({ restartPolicy: 'OnFailure' });
    const [container] = pod!.spec.containers as Data[];
    expect(container).toEqual({
      name: 'genweb',
      image: `${store.busybox}:latest`,
      args: ['httpd', '-f', '-p', '80'],
      env: [{ name: 'FOO', value: 'bar' }],
      ports: [{ containerPort: 80, hostPort }],
      workingDir: '/tmp',
      resources: { limits: { memory: '64Mi', cpu: '500m' } },
      securityContext: { runAsUser: 1000, runAsGroup: 1000, capabilities: { add: ['NET_ADMIN'] } },
      volumeMounts: [
        { name: 'gendata-pvc-0', mountPath: '/data' },
        { name: expect.stringMatching(/-host-1$/), mountPath: '/host', readOnly: true },
        { name: 'tmpfs-2', mountPath: '/scratch' },
      ],
    });
    expect(pod!.spec.volumes).toEqual([
      { name: 'gendata-pvc-0', persistentVolumeClaim: { claimName: 'gendata' } },
      { name: container!.volumeMounts[1].name, hostPath: { path: hostDir, type: 'Directory' } },
      { name: 'tmpfs-2', emptyDir: { medium: 'Memory' } },
    ]);
    // podman's older spelling, and -f into a file (never over an existing one).
    const file = path.join(work, 'gen.yaml');
    await store.ok(['generate', 'kube', '-f', file, 'gen_web']);
    expect(documents(readFileSync(file, 'utf8'))[0]!.kind).toBe('Pod');
    const again = await store.run(['kube', 'generate', '-f', file, 'gen_web']);
    expect(again.code).toBe(125);
    expect(again.stderr).toMatch(/^Error: cannot write to .*gen\.yaml: the file already exists/);
    const unknown = await store.run(['kube', 'generate', 'nope']);
    expect(unknown).toMatchObject({ code: 125 });
    expect(unknown.stderr).toMatch(/^Error: no pod or container with name or ID nope found/);
    await store.ok(['rm', 'gen_web']);
  });

  it("describes a pod: its members, the pod's ports on the first container, its labels", async () => {
    const hostPort = await freePort();
    await store.ok(['pod', 'create', '--name', 'genpod', '-p', `${hostPort}:8080`, '--label', 'team=a']);
    await store.ok(['create', '--pod', 'genpod', '--name', 'one', store.busybox, 'sleep', '1000']);
    await store.ok([
      'create',
      '--pod',
      'genpod',
      '--name',
      'two',
      '-e',
      'X=1',
      store.busybox,
      'sleep',
      '2000',
    ]);
    const [pod, ...rest] = documents(await store.ok(['kube', 'generate', 'genpod']));
    expect(rest).toEqual([]);
    expect(checkKubernetesObject(pod!)).toEqual([]);
    expect(pod!.metadata).toMatchObject({ name: 'genpod', labels: { app: 'genpod', team: 'a' } });
    expect(pod!.spec.containers).toEqual([
      expect.objectContaining({
        name: 'one',
        args: ['sleep', '1000'],
        ports: [{ containerPort: 8080, hostPort }],
      }),
      expect.objectContaining({ name: 'two', args: ['sleep', '2000'], env: [{ name: 'X', value: '1' }] }),
    ]);
    expect(pod!.spec.containers[1].ports).toBeUndefined();
    // -s on a pod with no ports: no Service, and a warning says why.
    await store.ok(['pod', 'create', '--name', 'quiet']);
    await store.ok(['create', '--pod', 'quiet', store.busybox, 'true']);
    const quiet = await store.run(['kube', 'generate', '-s', 'quiet']);
    expect(quiet.code).toBe(0);
    expect(quiet.stderr).toBe('WARNING: pod quiet publishes no ports: no Service generated for it\n');
    expect(documents(quiet.stdout).map((d) => d.kind)).toEqual(['Pod']);
    const member = await store.run(['kube', 'generate', 'one']);
    expect(member.code).toBe(125);
    expect(member.stderr).toMatch(/container one belongs to pod genpod: generate the pod instead/);
    await store.ok(['pod', 'rm', '-f', 'genpod', 'quiet']);
  });
});

describe('kube play', () => {
  it("round-trips: Berth's YAML played by Berth gives the same images, command, env, ports and volumes", async () => {
    const hostPort = await freePort();
    const hostDir = mkdtempSync(path.join(work, 'trip-'));
    writeFileSync(path.join(hostDir, 'index.html'), 'from the host\n');
    await store.ok(['pod', 'create', '--name', 'trip', '-p', `${hostPort}:8080`]);
    const runArgs = [
      '--pod',
      'trip',
      '--stop-timeout',
      '1',
      '-e',
      'GREETING=hello world',
      '-w',
      '/www',
      '-v',
      `${hostDir}:/www:ro`,
      '-v',
      'tripdata:/data',
    ];
    await store.ok([
      'create',
      ...runArgs,
      '--name',
      'web',
      store.busybox,
      'httpd',
      '-f',
      '-p',
      '8080',
      '-h',
      '/www',
    ]);
    await store.ok([
      'create',
      '--pod',
      'trip',
      '--stop-timeout',
      '1',
      '--name',
      'side',
      '--entrypoint',
      'sleep',
      store.busybox,
      '1000',
    ]);
    const before = { web: await inspect('web'), side: await inspect('side') };
    const file = writeYaml('trip.yaml', await store.ok(['kube', 'generate', 'trip']));
    await store.ok(['pod', 'rm', '-f', 'trip']);
    const played = await store.ok(['kube', 'play', file]);
    const podId = await store.ok(['pod', 'inspect', '--format', '{{.Id}}', 'trip']);
    const ids = [(await inspect('trip-web')).Id, (await inspect('trip-side')).Id];
    expect(played).toBe(`Pod:\n${podId}\nContainers:\n${ids.join('\n')}`);
    expect(await store.ok(['pod', 'inspect', '--format', '{{.State}}', 'trip'])).toBe('Running');
    for (const [name, original] of Object.entries(before)) {
      const replayed = await inspect(`trip-${name}`);
      expect(replayed.ImageName).toBe(original.ImageName);
      expect(replayed.Config.Entrypoint).toEqual(original.Config.Entrypoint);
      expect(replayed.Config.Cmd).toEqual(original.Config.Cmd);
      expect(replayed.Config.Env).toEqual(original.Config.Env);
      expect(replayed.Config.WorkingDir).toBe(original.Config.WorkingDir);
      expect(replayed.Config.StopTimeout).toBe(1);
      const mounts = (m: Data[]) =>
        m.map((x) => `${x.Type} ${x.Name ?? x.Source} ${x.Destination} ${x.RW}`).sort();
      expect(mounts(replayed.Mounts)).toEqual(mounts(original.Mounts));
    }
    // The pod's port answers from the host, served from the hostPath.
    const page = await eventually(async () => {
      try {
        return await (await fetch(`http://127.0.0.1:${hostPort}/index.html`)).text();
      } catch {
        return undefined;
      }
    });
    expect(page).toBe('from the host\n');
    await store.ok(['kube', 'down', file]);
    await store.ok(['volume', 'rm', 'tripdata']);
  });

  it.skipIf(!PODMAN_AVAILABLE)("podman plays Berth's YAML, and Berth plays podman's", async () => {
    const podman = tempPodmanStore();
    try {
      const hostPort = await freePort();
      await store.ok([
        'create',
        '--name',
        'export',
        '-p',
        `${hostPort}:80`,
        '-e',
        'FOO=bar',
        '-v',
        'exportdata:/data',
        '--memory',
        '32m',
        store.busybox,
        'httpd',
        '-f',
        '-p',
        '80',
      ]);
      const berthYaml = writeYaml('for-podman.yaml', await store.ok(['kube', 'generate', '-s', 'export']));
      const inPodman = podman.run(['kube', 'play', '--tls-verify=false', '--start=false', berthYaml]);
      expect(inPodman.stderr).not.toMatch(/^Error/m);
      expect(inPodman.code).toBe(0);
      expect(inPodman.stdout).toMatch(/^Pod:\n[0-9a-f]{64}\nContainer:\n[0-9a-f]{64}\n/);
      const podmanView = JSON.parse(podman.run(['inspect', 'export-pod-export']).stdout) as Data[];
      expect(podmanView[0]).toMatchObject({
        Config: { Cmd: ['httpd', '-f', '-p', '80'], Env: expect.arrayContaining(['FOO=bar']) },
        HostConfig: { Memory: 32 * 1024 * 1024 },
        Mounts: [expect.objectContaining({ Type: 'volume', Name: 'exportdata', Destination: '/data' })],
      });
      await store.ok(['rm', 'export']);

      // podman's generate output (comments, annotations, `resources: {}`...) played by Berth.
      const podmanPort = await freePort();
      expect(podman.run(['pod', 'create', '--name', 'frompodman', '-p', `${podmanPort}:8080`]).code).toBe(0);
      const created = podman.run([
        'create',
        '--pod',
        'frompodman',
        '--name',
        'server',
        '-e',
        'MODE=podman',
        '-v',
        'pmdata:/data',
        `${store.busybox}:latest`,
        'httpd',
        '-f',
        '-p',
        '8080',
      ]);
      expect(created.stderr).not.toMatch(/^Error/m);
      const generated = podman.run(['kube', 'generate', 'frompodman']);
      expect(generated.code).toBe(0);
      const podmanYaml = writeYaml('from-podman.yaml', generated.stdout);
      await store.ok(['kube', 'play', podmanYaml]);
      const server = await inspect('frompodman-server');
      // podman writes the whole argv as `command` (the entrypoint): the process is the same.
      expect([server.Path, ...server.Args]).toEqual(['httpd', '-f', '-p', '8080']);
      expect(server.Config.Env).toContain('MODE=podman');
      expect(server.Mounts).toEqual([
        expect.objectContaining({ Type: 'volume', Name: 'pmdata', Destination: '/data' }),
      ]);
      expect(await store.ok(['pod', 'inspect', '--format', '{{.State}}', 'frompodman'])).toBe('Running');
      // httpd serves the container's / (its working directory): the pod's port is wired.
      const passwd = await eventually(async () => {
        try {
          return await (await fetch(`http://127.0.0.1:${podmanPort}/etc/passwd`)).text();
        } catch {
          return undefined;
        }
      });
      expect(passwd).toContain('root:x:0:0:');
      await store.ok(['pod', 'rm', '-f', '-t', '0', 'frompodman']);
      await store.ok(['volume', 'rm', 'pmdata']);
    } finally {
      podman.run(['pod', 'rm', '-a', '-f']);
      podman.run(['rm', '-a', '-f']);
      podman.run(['volume', 'prune', '-f']);
      podman.cleanup();
    }
  });

  it('plays a Deployment as N pods named <name>-pod-<i>, with ConfigMap and Secret env and files', async () => {
    const file = writeYaml(
      'deploy.yaml',
      `apiVersion: v1
kind: ConfigMap
metadata:
  name: appconf
data:
  MODE: fast
  app.conf: |
    level=3
---
apiVersion: v1
kind: Secret
metadata:
  name: appsecret
type: Opaque
data:
  PASSWORD: czNjcjN0
stringData:
  USER: admin
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: app
spec:
  replicas: 2
  selector:
    matchLabels:
      app: app
  template:
    metadata:
      labels:
        app: app
    spec:
      terminationGracePeriodSeconds: 0
      containers:
      - name: main
        image: ${store.busybox}
        command: ["sleep"]
        args: ["1000"]
        envFrom:
        - configMapRef:
            name: appconf
        env:
        - name: PASSWORD
          valueFrom:
            secretKeyRef:
              name: appsecret
              key: PASSWORD
        - name: DB_USER
          valueFrom:
            secretKeyRef: {name: appsecret, key: USER}
        - name: LEVEL_FILE
          valueFrom:
            configMapKeyRef: {name: appconf, key: app.conf}
        volumeMounts:
        - name: config
          mountPath: /etc/app
      volumes:
      - name: config
        configMap:
          name: appconf
`,
    );
    const out = await store.ok(['kube', 'play', file]);
    expect(out.split('\n\n')).toHaveLength(2);
    const pods = (await store.ok(['pod', 'ps', '--format', '{{.Name}} {{.Status}}'])).split('\n').sort();
    expect(pods).toEqual(['app-pod-0 Running', 'app-pod-1 Running']);
    for (const pod of ['app-pod-0', 'app-pod-1']) {
      const env = await store.ok(['exec', `${pod}-main`, 'env']);
      expect(env).toMatch(/^MODE=fast$/m);
      expect(env).toMatch(/^PASSWORD=s3cr3t$/m);
      expect(env).toMatch(/^DB_USER=admin$/m);
      expect(env).toMatch(/^LEVEL_FILE=level=3$/m);
      expect(await store.ok(['exec', `${pod}-main`, 'cat', '/etc/app/app.conf'])).toBe('level=3');
      expect(await store.ok(['exec', `${pod}-main`, 'cat', '/etc/app/MODE'])).toBe('fast');
      // Kubernetes mounts ConfigMaps read-only.
      const write = await store.run(['exec', `${pod}-main`, 'touch', '/etc/app/new']);
      expect(write.code).not.toBe(0);
    }
    const down = await store.ok(['kube', 'down', file]);
    expect(down).toMatch(
      /^Pods stopped:\n[0-9a-f]{64}\n[0-9a-f]{64}\nPods removed:\n[0-9a-f]{64}\n[0-9a-f]{64}$/,
    );
    expect(await store.ok(['pod', 'ps', '-q'])).toBe('');
    await store.ok(['volume', 'rm', 'appconf']);
  });

  it('binds hostPath volumes (creating DirectoryOrCreate) and makes PVC volumes that outlive the pod', async () => {
    const made = path.join(work, 'made', 'here');
    const hostFile = path.join(work, 'host-file.txt');
    writeFileSync(hostFile, 'a host file\n');
    const yaml = `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: claimed
spec:
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 1Gi}}
---
apiVersion: v1
kind: Pod
metadata:
  name: vols
spec:
  restartPolicy: Never
  terminationGracePeriodSeconds: 0
  containers:
  - name: writer
    image: ${store.busybox}
    command: ["sh", "-c", "cat /in/host-file.txt > /out/copy.txt; echo kept > /claim/data.txt; sleep 1000"]
    volumeMounts:
    - {name: out, mountPath: /out}
    - {name: file, mountPath: /in/host-file.txt, readOnly: true}
    - {name: claim, mountPath: /claim}
  volumes:
  - name: out
    hostPath: {path: ${made}, type: DirectoryOrCreate}
  - name: file
    hostPath: {path: ${hostFile}, type: File}
  - name: claim
    persistentVolumeClaim: {claimName: claimed}
`;
    const file = writeYaml('vols.yaml', yaml);
    await store.ok(['kube', 'play', file]);
    const copied = await eventually(() =>
      existsSync(path.join(made, 'copy.txt')) && readFileSync(path.join(made, 'copy.txt'), 'utf8') !== ''
        ? readFileSync(path.join(made, 'copy.txt'), 'utf8')
        : undefined,
    );
    expect(copied).toBe('a host file\n');
    expect(await store.ok(['volume', 'ls', '--format', '{{.Name}}'])).toBe('claimed');
    const restart = await inspect('vols-writer');
    // restartPolicy Never: no restart policy (podman shows an empty name for it).
    expect(restart.HostConfig.RestartPolicy.Name).toBe('');
    // --down removes the pod; the claim's volume and its data stay.
    expect(await store.ok(['kube', 'play', '--down', file])).toMatch(
      /^Pods stopped:\n[0-9a-f]{64}\nPods removed:/,
    );
    expect(await store.ok(['pod', 'ps', '-q'])).toBe('');
    const mountpoint = await store.ok(['volume', 'inspect', '--format', '{{.Mountpoint}}', 'claimed']);
    expect(readFileSync(path.join(mountpoint, 'data.txt'), 'utf8')).toBe('kept\n');
    // A hostPath of type Directory that is missing is refused before anything is made.
    const missing = await store.run([
      'kube',
      'play',
      writeYaml(
        'missing.yaml',
        yaml.replace('type: DirectoryOrCreate', 'type: Directory').replace(made, `${made}-absent`),
      ),
    ]);
    expect(missing.code).toBe(125);
    expect(missing.stderr).toMatch(
      /hostPath .*-absent \(type Directory\) does not exist: create it, or use type DirectoryOrCreate/,
    );
    expect(await store.ok(['pod', 'ps', '-q'])).toBe('');
    await store.ok(['volume', 'rm', 'claimed']);
  });

  it('--replace recreates existing pods; without it an existing pod is an error', async () => {
    const file = writeYaml(
      'replace.yaml',
      `apiVersion: v1
kind: Pod
metadata: {name: again}
spec:
  terminationGracePeriodSeconds: 0
  containers:
  - {name: c, image: ${store.busybox}, command: [sleep, "1000"]}
`,
    );
    await store.ok(['kube', 'play', '--start=false', file]);
    expect(await store.ok(['pod', 'inspect', '--format', '{{.State}}', 'again'])).toBe('Created');
    const first = await store.ok(['pod', 'inspect', '--format', '{{.Id}}', 'again']);
    const twice = await store.run(['kube', 'play', file]);
    expect(twice.code).toBe(125);
    expect(twice.stderr).toMatch(/^Error: adding pod to state: name "again" is in use: pod already exists/);
    const replaced = await store.ok(['kube', 'play', '--replace', file]);
    const second = await store.ok(['pod', 'inspect', '--format', '{{.Id}}', 'again']);
    expect(second).not.toBe(first);
    expect(replaced).toMatch(
      new RegExp(`^Pods stopped:\\n${first}\\nPods removed:\\n${first}\\nPod:\\n${second}\\nContainer:\\n`),
    );
    expect(await store.ok(['pod', 'inspect', '--format', '{{.State}}', 'again'])).toBe('Running');
    await store.ok(['kube', 'down', file]);
    const gone = await store.run(['kube', 'down', file]);
    expect(gone).toMatchObject({
      code: 125,
      stderr: 'Error: no pod with name or ID again found: no such pod\n',
    });
  });

  it('reports bad YAML with file:line and which field is wrong, and changes nothing', async () => {
    const before = await inventory();
    const syntax = writeYaml(
      'bad-syntax.yaml',
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n  - name: a\n   image: b\n',
    );
    const bad = await store.run(['kube', 'play', syntax]);
    expect(bad.code).toBe(125);
    expect(bad.stderr).toMatch(
      new RegExp(`^Error: ${syntax.replace(/[.]/g, '\\.')}:8: invalid YAML in document 1: `),
    );
    const shape = writeYaml(
      'bad-shape.yaml',
      `apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: never-made}
---
apiVersion: v1
kind: Pod
metadata: {name: shape}
spec:
  containers:
  - name: a
    image: ${store.busybox}
    ports:
    - containerPort: 80
      protocol: HTTP
`,
    );
    const wrong = await store.run(['kube', 'play', shape]);
    expect(wrong.code).toBe(125);
    expect(wrong.stderr).toBe(
      `Error: ${shape}:14: document 2 (Pod "shape"): spec.containers[0].ports[0].protocol: Invalid option: expected one of "TCP"|"UDP"|"SCTP"\n`,
    );
    // From stdin, the file is named as such.
    const piped = await store.run(['kube', 'play', '-'], {
      input: 'kind: Pod\napiVersion: v1\nmetadata: {}\n',
    });
    expect(piped.stderr).toMatch(/^Error: \(stdin\):3: document 1 \(Pod\): metadata\.name: /);
    // An image no registry has: refused before any pod or volume is made.
    const unknownImage = writeYaml(
      'unknown-image.yaml',
      readFileSync(shape, 'utf8')
        .replace(`image: ${store.busybox}`, `image: ${inject('registryHost')}/library/no-such-image`)
        .replace('protocol: HTTP', 'protocol: TCP'),
    );
    const noImage = await store.run(['kube', 'play', unknownImage]);
    expect(noImage.code).toBe(125);
    expect(noImage.stderr).toMatch(
      /^Error: image .*no-such-image of container a in pod shape: .*manifest unknown/m,
    );
    expect(await inventory()).toBe(before);
  });

  it('rolls back pods, containers, volumes and host directories when a host port is taken', async () => {
    const before = await inventory();
    const blocker: Server = createServer();
    const port = await freePort();
    await new Promise<void>((resolve) => blocker.listen(port, '0.0.0.0', resolve));
    const made = path.join(work, 'rollback-dir');
    try {
      const file = writeYaml(
        'conflict.yaml',
        `apiVersion: v1
kind: Pod
metadata: {name: first}
spec:
  terminationGracePeriodSeconds: 0
  containers:
  - {name: ok, image: ${store.busybox}, command: [sleep, "1000"]}
---
apiVersion: v1
kind: Pod
metadata: {name: clash}
spec:
  terminationGracePeriodSeconds: 0
  containers:
  - name: web
    image: ${httpd}
    ports: [{containerPort: 80, hostPort: ${port}}]
    volumeMounts: [{name: claim, mountPath: /claim}, {name: dir, mountPath: /dir}]
  volumes:
  - {name: claim, persistentVolumeClaim: {claimName: rollback-claim}}
  - {name: dir, hostPath: {path: ${made}, type: DirectoryOrCreate}}
`,
      );
      const result = await store.run(['kube', 'play', file], { timeoutMs: 60_000 });
      expect(result.code).toBe(125);
      expect(result.stderr).toMatch(
        /^Error: starting pod clash from .*conflict\.yaml: .*address already in use.*\(everything this play created was removed\)\n$/m,
      );
      expect(result.stderr).toContain(String(port));
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
    expect(await inventory()).toBe(before);
    expect(existsSync(made)).toBe(false);
    expect(store.conmons()).toHaveLength(0);
  });
});
