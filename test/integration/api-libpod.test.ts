// Podman's libpod routes on Berth's API service (`/v4.0.0/libpod/...`), as the desktop app and
// Podman Desktop's extensions call them: plain HTTP requests over the socket; the results are
// checked against what the berth CLI sees in the same store.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiService, type ApiService } from './helpers/api-service.js';
import { containerStore, type ContainerStore } from './helpers/container-store.js';

let store: ContainerStore;
let api: ApiService;

async function json<T = Record<string, unknown>>(method: string, urlPath: string, body?: string): Promise<T> {
  const r = await api.request(
    method,
    `/v4.0.0/libpod${urlPath}`,
    body,
    body ? { 'Content-Type': 'application/json' } : {},
  );
  if (r.status >= 300) throw new Error(`${method} ${urlPath}: ${r.status} ${r.body}`);
  return JSON.parse(r.body) as T;
}

beforeAll(async () => {
  store = await containerStore();
  api = await startApiService(store);
}, 60_000);

afterAll(async () => {
  await store?.ok(['pod', 'rm', '-a', '-f']).catch(() => undefined);
  await api?.stop();
  await store?.dispose();
});

describe('libpod routes of berth system service', () => {
  it('answers _ping and info with podman versions and shapes', async () => {
    const ping = await api.request('GET', '/v4.0.0/libpod/_ping');
    expect(ping.status).toBe(200);
    expect(ping.body).toBe('OK');
    expect(ping.headers['libpod-api-version']).toBe('4.0.0');
    const info = await json<{ store: { graphRoot: string }; host: { os: string } }>('GET', '/info');
    expect(info.store.graphRoot).toBe(`${store.root}`);
    expect(info.host.os).toBe('linux');
  });

  it('creates, lists, inspects, drives and removes a pod', async () => {
    const created = await json<{ Id: string }>(
      'POST',
      '/pods/create',
      JSON.stringify({
        name: 'apipod',
        labels: { app: 'web' },
        portmappings: [{ container_port: 80, host_port: 18431 }],
      }),
    );
    expect(created.Id).toMatch(/^[0-9a-f]{64}$/);
    expect(await store.ok(['pod', 'ps', '--format', '{{.Name}} {{.Status}}'])).toBe('apipod Created');
    await store.ok(['create', '--pod', 'apipod', '--name', 'apipod-sleeper', store.busybox, 'sleep', '1000']);

    expect(await json('POST', '/pods/apipod/start')).toEqual({ Errs: [], Id: created.Id });
    const listed = await json<
      Array<{ Name: string; Status: string; Labels: Record<string, string>; Containers: unknown[] }>
    >('GET', '/pods/json');
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ Name: 'apipod', Status: 'Running', Labels: { app: 'web' } });
    expect(listed[0]!.Containers).toHaveLength(2);
    const inspect = await json<{ Name: string; State: string; NumContainers: number }>(
      'GET',
      '/pods/apipod/json',
    );
    expect(inspect).toMatchObject({ Name: 'apipod', State: 'Running', NumContainers: 2 });

    const ps = await json<Array<{ Names: string[]; State: string; PodName: string }>>(
      'GET',
      '/containers/json?all=true',
    );
    expect(ps.find((c) => c.Names[0] === 'apipod-sleeper')).toMatchObject({
      State: 'running',
      PodName: 'apipod',
    });

    await json('POST', '/pods/apipod/pause');
    expect(await store.ok(['pod', 'ps', '--format', '{{.Status}}'])).toBe('Paused');
    await json('POST', '/pods/apipod/unpause');
    await json('POST', '/pods/apipod/restart?t=0');
    expect(await store.ok(['pod', 'ps', '--format', '{{.Status}}'])).toBe('Running');
    // Removing a running pod without force is a conflict the client can resolve.
    const refused = await api.request('DELETE', '/v4.0.0/libpod/pods/apipod');
    expect(refused.status).toBe(409);
    expect(JSON.parse(refused.body).message).toMatch(/has running containers/);
    await json('POST', '/pods/apipod/kill?signal=SIGKILL');
    await json('POST', '/pods/apipod/stop?t=0');
    expect(await json('DELETE', '/pods/apipod')).toMatchObject({ Id: created.Id });
    expect(await store.ok(['pod', 'ps', '-q'])).toBe('');
    const missing = await api.request('POST', '/v4.0.0/libpod/pods/apipod/start');
    expect(missing.status).toBe(404);
  });

  it('plays Kubernetes YAML and generates it back', async () => {
    const yaml = [
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: kubeweb',
      'spec:',
      '  containers:',
      '    - name: main',
      `      image: ${store.busybox}`,
      '      command: ["sleep", "1000"]',
      '',
    ].join('\n');
    const played = await api.request('POST', '/v4.0.0/libpod/play/kube', yaml, {
      'Content-Type': 'application/yaml',
    });
    expect(played.status, played.body).toBe(200);
    const report = JSON.parse(played.body) as { Pods: Array<{ ID: string; Containers: string[] }> };
    expect(report.Pods).toHaveLength(1);
    expect(report.Pods[0]!.Containers).toHaveLength(1);
    expect(
      await store.ok(['pod', 'ps', '--filter', 'name=kubeweb', '--format', '{{.Name}} {{.Status}}']),
    ).toBe('kubeweb Running');

    const generated = await api.request('GET', '/v4.0.0/libpod/generate/kube?names=kubeweb');
    expect(generated.status).toBe(200);
    expect(generated.body).toMatch(/^kind: Pod$/m);
    expect(generated.body).toMatch(/^ {2}name: kubeweb$/m);
    expect(generated.body).toContain(`image: ${store.busybox}`);

    const unknown = await api.request('GET', '/v4.0.0/libpod/generate/kube?names=nosuchpod');
    expect(unknown.status).toBe(404);
    const broken = await api.request('POST', '/v4.0.0/libpod/play/kube', 'kind: [unclosed', {});
    expect(broken.status).toBe(400);
    await store.ok(['pod', 'rm', '-f', 'kubeweb']);
  });
});
