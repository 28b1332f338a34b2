// The Images page in Debian's Chromium, through web mode, against the real engine and the
// fixture registry: pull busybox with progress, find it in the list with its size, inspect it,
// read its history, explore its layer, push it to a new repository and pull it back, tag it,
// delete it; cancel a pull and find the store as it was.
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { formatBytes } from '../../renderer/src/components/format-bytes.js';
import { tempStore } from '../integration/helpers/berth-cli.js';
import { launchChromium, SCREENSHOT_DIR } from './helpers/chromium.js';
import { startWebModeProcess, type WebModeProcess } from './helpers/web-mode-process.js';

const store = tempStore();
const registry = () => inject('registryHost');
let server: WebModeProcess;
let browser: Browser;
let closeBrowser: () => Promise<void>;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  server = await startWebModeProcess(['--root', store.root, '--runroot', store.runroot]);
  ({ browser, close: closeBrowser } = await launchChromium());
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(server.url);
  await page.getByRole('status').filter({ hasText: 'Engine connected' }).waitFor();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Images' }).click();
});

afterAll(async () => {
  await closeBrowser?.();
  await server?.stop();
  store.cleanup();
});

const shot = (name: string) => page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`) });

async function cliImages(): Promise<{ Id: string; Size: number; Names?: string[] }[]> {
  const r = await store.run(['images', '--format', 'json']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as { Id: string; Size: number; Names?: string[] }[];
}

describe('Images page (web mode, real engine)', () => {
  it('pulls busybox with per-layer progress and lists it with its size', async () => {
    await page.getByText('No images yet.').waitFor();
    await shot('images-empty');
    await page.getByRole('button', { name: 'Pull image' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Image to pull' }).fill(`${registry()}/library/busybox`);
    await dialog.getByRole('button', { name: 'Pull' }).click();
    const name = `${registry()}/library/busybox:latest`;
    await dialog.getByText(`Pulled ${name}`).waitFor();
    await expect(dialog.getByRole('listitem').count()).resolves.toBe(1);
    await expect(dialog.getByRole('listitem').first().textContent()).resolves.toContain('Done');
    await shot('images-pull-done');
    await dialog.getByRole('button', { name: 'Close' }).click();

    const [image] = await cliImages();
    const row = page.getByRole('row').filter({ hasText: name });
    await row.waitFor();
    await expect(row.getByTestId('image-size').textContent()).resolves.toBe(formatBytes(image!.Size));
    await expect(row.textContent()).resolves.toContain(image!.Id.slice(0, 12));
    await shot('images-list');
  });

  it('shows summary, history and inspect of the image', async () => {
    const [image] = await cliImages();
    await page.getByRole('button', { name: `${registry()}/library/busybox:latest`, exact: true }).click();
    await expect(page.getByTestId('image-summary').textContent()).resolves.toContain(image!.Id);
    await shot('image-details-summary');
    await page.getByRole('tab', { name: 'History' }).click();
    await page.getByRole('table', { name: 'Image history' }).getByText('ADD busybox-static /').waitFor();
    await shot('image-details-history');
    await page.getByRole('tab', { name: 'Inspect' }).click();
    const json = JSON.parse((await page.getByLabel('Image inspect JSON').textContent())!) as { Id: string };
    expect(json.Id).toBe(image!.Id);
    await shot('image-details-inspect');
    await page.getByRole('button', { name: '← Images' }).click();
  });

  it('explores the image’s layer: busybox’s one layer adds bin/busybox', async () => {
    await page.getByRole('button', { name: `${registry()}/library/busybox:latest`, exact: true }).click();
    await page.getByRole('tab', { name: 'Layers' }).click();
    const layer = page.getByRole('list', { name: 'Image layers' }).getByRole('button');
    await expect(layer.getAttribute('aria-label')).resolves.toBe('Layer 0: ADD busybox-static /');
    await expect(layer.getAttribute('aria-pressed')).resolves.toBe('true');
    const files = page.getByRole('region', { name: 'Files of layer 0' });
    await files.getByRole('table', { name: 'Layer files' }).waitFor();
    await files.getByRole('searchbox', { name: 'Filter files' }).fill('bin/busybox');
    const row = files.getByRole('row').filter({ hasText: '/bin/busybox' });
    await row.waitFor();
    await expect(row.textContent()).resolves.toMatch(/^Added\/bin\/busyboxfile[\d.]+ (kB|MB)$/);
    await shot('image-details-layers');
    await page.getByRole('button', { name: '← Images' }).click();
  });

  it('pushes the image to a new repository with per-layer progress, then pulls it back', async () => {
    const busybox = `${registry()}/library/busybox:latest`;
    // The registry by another host name: nothing to mount from there, so the layer is uploaded.
    const port = registry().split(':')[1];
    const repository = `e2e-pushed/box-${Math.random().toString(36).slice(2, 8)}`;
    const destination = `localhost:${port}/${repository}:v1`;
    await page.getByRole('button', { name: `Push ${busybox}` }).click();
    const form = page.getByRole('dialog', { name: `Push image ${busybox}` });
    const field = form.getByRole('textbox', { name: 'Destination' });
    await expect(field.inputValue()).resolves.toBe(busybox);
    await expect(form.getByLabel('Credentials').textContent()).resolves.toContain(
      `No stored login for ${registry()}`,
    );
    await field.fill(destination);
    await shot('images-push-form');
    await form.getByRole('button', { name: 'Push' }).click();
    const dialog = page.getByRole('dialog', { name: `Push ${destination}` });
    await dialog.getByText(`Pushed ${destination} (sha256:`).waitFor();
    await expect(dialog.getByRole('listitem').count()).resolves.toBe(1);
    await expect(dialog.getByRole('listitem').first().textContent()).resolves.toContain('Done');
    await shot('images-push-done');
    await dialog.getByRole('button', { name: 'Close' }).click();
    const manifest = await fetch(`http://${registry()}/v2/${repository}/manifests/v1`, {
      headers: { accept: 'application/vnd.docker.distribution.manifest.v2+json' },
    });
    expect(manifest.status).toBe(200);

    // Pulled back (by the registry's usual name): the same image, one more name.
    const pulledName = `${registry()}/${repository}:v1`;
    await page.getByRole('button', { name: 'Pull image' }).click();
    const pull = page.getByRole('dialog');
    await pull.getByRole('textbox', { name: 'Image to pull' }).fill(pulledName);
    await pull.getByRole('button', { name: 'Pull' }).click();
    await pull.getByText(`Pulled ${pulledName}`).waitFor();
    await pull.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('button', { name: pulledName, exact: true }).waitFor();
    const [image] = await cliImages();
    expect(image!.Names).toEqual(expect.arrayContaining([busybox, pulledName]));

    await page.getByRole('button', { name: `Delete ${pulledName}` }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete', exact: true }).click();
    await page.getByRole('button', { name: pulledName, exact: true }).waitFor({ state: 'detached' });
    expect((await cliImages())[0]!.Names).toEqual([busybox]);
  });

  it('tags the image, then deletes the tag and the image', async () => {
    const busybox = `${registry()}/library/busybox:latest`;
    await page.getByRole('button', { name: `Tag ${busybox}` }).click();
    const tagDialog = page.getByRole('dialog');
    await tagDialog.getByRole('textbox', { name: 'New name' }).fill('e2e-box:v1');
    await tagDialog.getByRole('button', { name: 'Add tag' }).click();
    await page.getByRole('button', { name: 'localhost/e2e-box:v1', exact: true }).waitFor();
    expect((await cliImages())[0]!.Names).toEqual(expect.arrayContaining(['localhost/e2e-box:v1', busybox]));
    await shot('images-tagged');

    await page.getByRole('button', { name: 'Delete localhost/e2e-box:v1' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete', exact: true }).click();
    await page
      .getByRole('button', { name: 'localhost/e2e-box:v1', exact: true })
      .waitFor({ state: 'detached' });
    expect((await cliImages())[0]!.Names).toEqual([busybox]);

    await page.getByRole('button', { name: `Delete ${busybox}` }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete', exact: true }).click();
    await page.getByText('No images yet.').waitFor();
    expect(await cliImages()).toEqual([]);
  });

  it('cancels a pull from the dialog and leaves the store as it was', async () => {
    await page.getByRole('button', { name: 'Pull image' }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Image to pull' }).fill(`${registry()}/berth/big`);
    await dialog.getByRole('button', { name: 'Pull' }).click();
    await dialog.getByRole('listitem').first().waitFor();
    await shot('images-pull-progress');
    await dialog.getByRole('button', { name: 'Cancel pull' }).click();
    await dialog.getByText('Pull cancelled: nothing was stored').waitFor();
    await dialog.getByRole('button', { name: 'Close' }).click();
    // The engine finishes putting things back just after it stops streaming.
    const layersDir = path.join(store.root, 'layers');
    const tmpDir = path.join(store.root, 'tmp');
    const deadline = Date.now() + 5000;
    const leftovers = () => [
      ...(existsSync(layersDir) ? readdirSync(layersDir) : []),
      ...(existsSync(tmpDir) ? readdirSync(tmpDir) : []),
    ];
    while (leftovers().length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(leftovers()).toEqual([]);
    expect(await cliImages()).toEqual([]);
    await page.getByRole('button', { name: 'Tasks' }).click();
    await expect(page.getByRole('region', { name: 'Tasks' }).textContent()).resolves.toContain('Cancelled');
    await shot('tasks-panel');
  });

  it('follows changes made by the CLI live, without reloading', async () => {
    await page.getByRole('button', { name: 'Tasks' }).click(); // hide the panel
    const httpd = `${registry()}/library/httpd:latest`;
    const pulled = await store.run(['pull', '-q', `${registry()}/library/httpd`]);
    expect(pulled.code, pulled.stderr).toBe(0);
    await page.getByRole('button', { name: httpd, exact: true }).waitFor({ timeout: 10_000 });
    await shot('images-live-update');
    const removed = await store.run(['rmi', httpd]);
    expect(removed.code, removed.stderr).toBe(0);
    await page.getByText('No images yet.').waitFor({ timeout: 10_000 });
  });

  it('renders in the dark theme', async () => {
    await page.getByRole('combobox', { name: 'Theme' }).selectOption('dark');
    await expect(page.evaluate(() => document.documentElement.dataset.theme)).resolves.toBe('dark');
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe('rgb(20, 22, 27)');
    await shot('images-dark');
    expect(pageErrors).toEqual([]);
  });
});
