// Switching the desktop app's engine at run time, in Debian's Chromium through web mode: the app
// starts on its local store; a Berth API service on a unix socket, on a store of its own, is
// added as a connection in Settings and used; the Containers page then shows that service's
// containers (not the local ones) and follows its events; a connection that answers nothing is
// refused and the app stays where it was; the choice survives a restart of the app; and the app
// switches back to the local engine. Connections and the remembered choice live in this file's
// own config folder, never the real one.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiService, type ApiService } from '../integration/helpers/api-service.js';
import { containerStore, type ContainerStore } from '../integration/helpers/container-store.js';
import { callWebMode } from '../integration/helpers/web-mode-call.js';
import { launchChromium, SCREENSHOT_DIR } from './helpers/chromium.js';
import { startWebModeProcess, type WebModeProcess } from './helpers/web-mode-process.js';

let local: ContainerStore;
let remote: ContainerStore;
let api: ApiService;
let work: string;
let env: NodeJS.ProcessEnv;
let server: WebModeProcess | undefined;
let browser: Browser;
let closeBrowser: (() => Promise<void>) | undefined;
let page: Page;
const pageErrors: string[] = [];

const startApp = () => startWebModeProcess(['--root', local.root, '--runroot', local.runroot], env);

async function openPage(url: string): Promise<void> {
  page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(url);
  await page.getByRole('status').filter({ hasText: 'Engine connected' }).waitFor();
}

beforeAll(async () => {
  [local, remote] = await Promise.all([containerStore(), containerStore()]);
  await local.ok(['create', '--name', 'made-locally', local.busybox, 'true']);
  await remote.ok(['create', '--name', 'served-remotely', remote.busybox, 'true']);
  api = await startApiService(remote);
  work = mkdtempSync(path.join(os.tmpdir(), 'berth-e2e-connections-'));
  env = { XDG_CONFIG_HOME: path.join(work, 'config') };
  server = await startApp();
  ({ browser, close: closeBrowser } = await launchChromium());
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await openPage(server.url);
}, 120_000);

afterAll(async () => {
  await closeBrowser?.();
  await server?.stop();
  await api?.stop();
  await Promise.all([local?.dispose(), remote?.dispose()]);
  if (work) rmSync(work, { recursive: true, force: true });
  expect(pageErrors).toEqual([]);
}, 120_000);

const shot = (name: string) => page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`) });
const nav = (name: string) =>
  page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name, exact: true }).click();
const engineInUse = (label: string) =>
  page.getByTestId('engine-in-use').filter({ hasText: new RegExp(` · ${label}$`) });
const engines = () => page.getByRole('list', { name: 'Engines' });
const containerNamed = (name: string) => page.getByRole('button', { name, exact: true });

describe('engine connection (web mode, a real API service)', () => {
  it('starts on the local engine and lists its containers', async () => {
    await engineInUse('local').waitFor();
    await nav('Containers');
    await containerNamed('made-locally').waitFor();
    expect(await containerNamed('served-remotely').count()).toBe(0);
  });

  it('adds the service as a connection in Settings, uses it, and shows its containers, live', async () => {
    await nav('Settings');
    const form = page.getByRole('form', { name: 'Add a connection' });
    await form.getByRole('textbox', { name: 'Connection name' }).fill('svc');
    await form.getByRole('textbox', { name: 'Destination' }).fill(`unix://${api.socket}`);
    await form.getByRole('button', { name: 'Add connection' }).click();
    await form.getByText('Added svc.').waitFor();
    const svc = engines().getByRole('listitem', { name: 'svc' });
    await svc.getByText('answers').waitFor();
    // Stored where the CLI reads connections.
    const stored = JSON.parse(readFileSync(path.join(work, 'config', 'berth', 'connections.json'), 'utf8'));
    expect(stored.Connection.Connections.svc).toEqual({ URI: `unix://${api.socket}` });
    await shot('engine-connections-added');

    await svc.getByRole('button', { name: 'Use svc' }).click();
    await engineInUse('svc').waitFor();
    await svc.getByText('in use').waitFor();
    await shot('engine-connections-using-svc');
    await nav('Containers');
    await containerNamed('served-remotely').waitFor();
    expect(await containerNamed('made-locally').count()).toBe(0);
    // The event stream was reopened on the service: what is made there appears by itself.
    await remote.ok(['create', '--name', 'made-after-switch', remote.busybox, 'true']);
    await containerNamed('made-after-switch').waitFor({ timeout: 15_000 });
  });

  it('refuses a connection that answers nothing, and stays on the engine in use', async () => {
    await nav('Settings');
    const form = page.getByRole('form', { name: 'Add a connection' });
    await form.getByRole('textbox', { name: 'Connection name' }).fill('dead');
    await form
      .getByRole('textbox', { name: 'Destination' })
      .fill(`unix://${path.join(work, 'nothing.sock')}`);
    await form.getByRole('button', { name: 'Add connection' }).click();
    const dead = engines().getByRole('listitem', { name: 'dead' });
    await dead.getByText('not answering').waitFor();
    await dead.getByRole('button', { name: 'Use dead' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'could not switch to the engine "dead"' });
    await alert.waitFor();
    expect(await alert.textContent()).toContain('(still using the engine "svc")');
    await engineInUse('svc').waitFor();
    await dead.getByRole('button', { name: 'Remove dead' }).click();
    await dead.waitFor({ state: 'detached' });
  });

  it('uses the same engine after a restart of the app', async () => {
    await page.close();
    await server!.stop();
    server = await startApp();
    const listed = await callWebMode(server.url, 'connections.list', {});
    expect(listed.ok, listed.error?.message).toBe(true);
    expect((listed.value as { current: { label: string; status: string } }).current).toMatchObject({
      label: 'svc',
      status: 'connected',
    });
    const containers = await callWebMode(server.url, 'containers.list', { all: true });
    expect((containers.value as Array<{ Names: string[] }>).map((c) => c.Names[0]).sort()).toEqual([
      'made-after-switch',
      'served-remotely',
    ]);
    await openPage(server.url);
    await engineInUse('svc').waitFor();
  });

  it('switches back to the local engine', async () => {
    await nav('Settings');
    await engines()
      .getByRole('listitem', { name: 'Local engine' })
      .getByRole('button', { name: 'Use Local engine' })
      .click();
    await engineInUse('local').waitFor();
    await nav('Containers');
    await containerNamed('made-locally').waitFor();
    expect(await containerNamed('served-remotely').count()).toBe(0);
    const settings = JSON.parse(readFileSync(path.join(work, 'config', 'berth', 'desktop.json'), 'utf8'));
    expect(settings).toEqual({ engine: { kind: 'local' } });
  });
});
