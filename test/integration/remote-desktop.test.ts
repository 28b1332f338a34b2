// `berth desktop --web --url/--connection`: the desktop app's contract served from a remote
// engine. The web-mode process runs on an empty store of its own; what its WebSocket answers
// comes from the Berth API service it was pointed at.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startWebModeProcess, type WebModeProcess } from '../e2e/helpers/web-mode-process.js';
import { startApiService, type ApiService } from './helpers/api-service.js';
import { containerStore, type ContainerStore } from './helpers/container-store.js';

let store: ContainerStore;
let api: ApiService;
let web: WebModeProcess | undefined;
let empty: string;

/** One contract call over web mode's WebSocket, as the renderer makes it. */
async function call(
  url: string,
  method: string,
  input: unknown,
): Promise<{ ok: boolean; value?: unknown; error?: { message: string } }> {
  const { host, hash } = new URL(url);
  const token = new URLSearchParams(hash.slice(1)).get('token')!;
  const ws = new WebSocket(`ws://${host}/rpc?token=${token}`);
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  try {
    ws.send(JSON.stringify({ kind: 'call', id: 1, method, input }));
    const reply = await new Promise<string>((resolve) =>
      ws.once('message', (data: Buffer) => resolve(data.toString())),
    );
    return JSON.parse(reply) as { ok: boolean; value?: unknown; error?: { message: string } };
  } finally {
    ws.close();
  }
}

beforeAll(async () => {
  store = await containerStore();
  api = await startApiService(store);
  empty = mkdtempSync(path.join(os.tmpdir(), 'berth-remote-desktop-'));
  await store.ok(['create', '--name', 'served-remotely', store.busybox, 'true']);
}, 60_000);

afterAll(async () => {
  await web?.stop();
  await api?.stop();
  await store?.dispose();
  rmSync(empty, { recursive: true, force: true });
});

describe('berth desktop --web against a remote engine', () => {
  it("serves the service's containers and images, not the local store's", async () => {
    web = await startWebModeProcess([
      '--root',
      path.join(empty, 'root'),
      '--runroot',
      path.join(empty, 'run'),
      '--url',
      `unix://${api.socket}`,
    ]);
    const containers = await call(web.url, 'containers.list', {});
    expect(containers.ok, containers.error?.message).toBe(true);
    expect((containers.value as Array<{ Names: string[] }>).map((c) => c.Names[0])).toEqual([
      'served-remotely',
    ]);
    const images = await call(web.url, 'images.list', {});
    expect((images.value as Array<{ RepoTags: string[] }>).flatMap((i) => i.RepoTags)).toEqual([
      `${store.busybox}:latest`,
    ]);
    // Errors keep the contract's codes across the two hops.
    const missing = await call(web.url, 'containers.inspect', { container: 'nope' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });
});
