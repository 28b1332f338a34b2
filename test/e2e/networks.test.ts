// The Networks page in Debian's Chromium, through web mode, against the real engine: create a
// network in the UI (subnet, gateway, internal, a label), see it listed with what the CLI sees,
// open its details, see a container the CLI creates on it, delete both, and prune.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { tempStore } from '../integration/helpers/berth-cli.js';
import { launchChromium, SCREENSHOT_DIR } from './helpers/chromium.js';
import { startWebModeProcess, type WebModeProcess } from './helpers/web-mode-process.js';

const store = tempStore();
const busybox = () => `${inject('registryHost')}/library/busybox:latest`;
const NETWORK = 'e2e-net';
/** A subnet of the host's private range that Berth's pool (10.86.0.0/15) and tests do not use. */
const SUBNET = `10.${200 + (process.pid % 50)}.7.0/24`;
const GATEWAY = SUBNET.replace('.0/24', '.254');
let server: WebModeProcess | undefined;
let browser: Browser;
let closeBrowser: (() => Promise<void>) | undefined;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  const pulled = await store.run(['pull', '-q', busybox()], { timeoutMs: 120_000 });
  expect(pulled.code, pulled.stderr).toBe(0);
  server = await startWebModeProcess(['--root', store.root, '--runroot', store.runroot]);
  ({ browser, close: closeBrowser } = await launchChromium());
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(server.url);
  await page.getByRole('status').filter({ hasText: 'Engine connected' }).waitFor();
});

afterAll(async () => {
  await closeBrowser?.();
  await store.run(['rm', '-a', '-f'], { timeoutMs: 60_000 });
  await server?.stop();
  store.cleanup();
});

const shot = (name: string) => page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`) });

async function cliNetworks(): Promise<string[]> {
  const r = await store.run(['network', 'ls', '--format', '{{.Name}}']);
  expect(r.code, r.stderr).toBe(0);
  return r.stdout.trim().split('\n').filter(Boolean).sort();
}

describe('Networks page (web mode, real engine)', () => {
  it('creates a network in the UI and lists it as the CLI sees it', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Networks' }).click();
    const table = page.getByRole('table', { name: 'Networks' });
    await table.getByRole('button', { name: 'berth', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Create network' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create a network' });
    await dialog.getByRole('textbox', { name: 'Network name' }).fill(NETWORK);
    await dialog.getByRole('textbox', { name: 'Subnet' }).fill(SUBNET);
    await dialog.getByRole('textbox', { name: 'Gateway' }).fill(GATEWAY);
    await dialog.getByRole('checkbox', { name: /Internal/ }).check();
    await dialog.getByRole('button', { name: 'Add label' }).click();
    await dialog.getByRole('textbox', { name: 'Labels 1' }).fill('suite=e2e');
    await shot('network-create-dialog');
    await dialog.getByRole('button', { name: 'Create', exact: true }).click();

    const row = table.getByRole('row').filter({ hasText: NETWORK });
    await row.waitFor();
    await expect(row.textContent()).resolves.toMatch(
      new RegExp(`${NETWORK}.*bridge.*${SUBNET}.*${GATEWAY}.*yes`),
    );
    expect(await cliNetworks()).toEqual(['berth', NETWORK]);
    const inspected = await store.run(['network', 'inspect', NETWORK]);
    expect(JSON.parse(inspected.stdout)).toMatchObject([
      {
        name: NETWORK,
        internal: true,
        subnets: [{ subnet: SUBNET, gateway: GATEWAY }],
        labels: { suite: 'e2e' },
      },
    ]);
    await shot('networks-list');
  });

  it('shows its details, with a container the CLI creates on it', async () => {
    await page.getByRole('button', { name: NETWORK, exact: true }).click();
    const summary = page.getByTestId('network-summary');
    await summary.getByText(`${SUBNET} via ${GATEWAY}`).waitFor();
    await summary.getByText('No container is connected.').waitFor();
    // Created on the network (no connect event: the list learns it from the create event).
    const created = await store.run([
      'create',
      '--name',
      'e2e-net-user',
      '--network',
      NETWORK,
      busybox(),
      'true',
    ]);
    expect(created.code, created.stderr).toBe(0);
    const connected = summary.getByRole('table', { name: 'Connected containers' });
    await connected.getByRole('button', { name: 'e2e-net-user' }).waitFor({ timeout: 10_000 });
    await connected.getByText('not running').waitFor();
    await shot('network-details');
    await page.getByRole('tab', { name: 'Inspect' }).click();
    const json = JSON.parse((await page.getByLabel('Network inspect JSON').textContent())!) as {
      name: string;
      containers: Record<string, unknown>;
    };
    expect(json.name).toBe(NETWORK);
    expect(Object.keys(json.containers)).toHaveLength(1);
  });

  it('deletes the network (and the container using it) from the UI, then prunes', async () => {
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: `Delete network ${NETWORK}?` });
    await dialog.getByRole('button', { name: 'Delete the network and its containers' }).click();
    const table = page.getByRole('table', { name: 'Networks' });
    await table.getByRole('button', { name: 'berth', exact: true }).waitFor();
    await expect
      .poll(() => table.getByRole('button', { name: NETWORK, exact: true }).count(), { timeout: 10_000 })
      .toBe(0);
    expect(await cliNetworks()).toEqual(['berth']);
    const ps = await store.run(['ps', '-a', '--format', '{{.Names}}']);
    expect(ps.stdout.trim()).toBe('');

    const spare = await store.run(['network', 'create', 'e2e-spare']);
    expect(spare.code, spare.stderr).toBe(0);
    await table.getByRole('button', { name: 'e2e-spare', exact: true }).waitFor({ timeout: 10_000 });
    await page.getByRole('button', { name: 'Prune' }).click();
    const prune = page.getByRole('dialog', { name: 'Prune networks' });
    await prune.getByRole('button', { name: 'Prune' }).click();
    await prune.getByRole('status').filter({ hasText: 'Removed 1 network.' }).waitFor();
    await prune.getByRole('button', { name: 'Close' }).click();
    expect(await cliNetworks()).toEqual(['berth']);
    expect(pageErrors).toEqual([]);
  });
});
