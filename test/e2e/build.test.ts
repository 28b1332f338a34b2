// Building an image in Debian's Chromium, through web mode, against the real engine: a context
// folder with a Containerfile whose RUN step prints a line; the Build dialog streams the step log
// (the RUN output included) live, the image appears in the list under its tag, and the CLI agrees.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { tempStore } from '../integration/helpers/berth-cli.js';
import { launchChromium, SCREENSHOT_DIR } from './helpers/chromium.js';
import { startWebModeProcess, type WebModeProcess } from './helpers/web-mode-process.js';

const store = tempStore();
const busybox = () => `${inject('registryHost')}/library/busybox:latest`;
const TAG = 'localhost/e2e-built:1';
const context = mkdtempSync(path.join(os.tmpdir(), 'berth-e2e-build-'));
let server: WebModeProcess | undefined;
let browser: Browser;
let closeBrowser: (() => Promise<void>) | undefined;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  const pulled = await store.run(['pull', '-q', busybox()], { timeoutMs: 120_000 });
  expect(pulled.code, pulled.stderr).toBe(0);
  writeFileSync(
    path.join(context, 'Containerfile'),
    `FROM ${busybox()}\nCOPY greeting.txt /greeting.txt\nRUN echo "built in the UI: $(cat /greeting.txt)"\n`,
  );
  writeFileSync(path.join(context, 'greeting.txt'), 'hello\n');
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
  await server?.stop();
  // No build container may be left behind by the build.
  const left = await store.run(['ps', '-a', '--format', '{{.Names}}']);
  store.cleanup();
  rmSync(context, { recursive: true, force: true });
  expect(left.stdout.trim()).toBe('');
});

describe('Build (web mode, real engine)', () => {
  it('builds from a Containerfile with its live log and lists the image', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Images' }).click();
    await page.getByRole('button', { name: 'Build image' }).click();
    const form = page.getByRole('dialog', { name: 'Build an image' });
    await form.getByRole('textbox', { name: 'Context folder' }).fill(context);
    await form.getByRole('textbox', { name: 'Tags 1' }).fill(TAG);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'images-build-form.png') });
    await form.getByRole('button', { name: 'Build', exact: true }).click();

    const progress = page.getByRole('dialog', { name: `Build ${TAG}` });
    const log = progress.getByLabel('Build log');
    await progress.getByText(`Built ${TAG}`).waitFor({ timeout: 120_000 });
    const text = await log.textContent();
    expect(text).toContain(`STEP 1/3: FROM ${busybox()}`);
    expect(text).toContain('STEP 3/3: RUN echo');
    expect(text).toContain('built in the UI: hello');
    expect(text).toContain(`COMMIT ${TAG}`);
    expect(text).toContain(`Successfully tagged ${TAG}`);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'images-build-log.png') });
    await progress.getByRole('button', { name: 'Close' }).click();

    await page.getByRole('button', { name: TAG, exact: true }).waitFor();
    const cli = await store.run(['images', '--format', '{{.Repository}}:{{.Tag}}']);
    expect(cli.stdout.split('\n')).toContain(TAG);
    await page.getByRole('button', { name: TAG, exact: true }).click();
    await page.getByRole('tab', { name: 'History' }).click();
    await page.getByText('built in the UI', { exact: false }).first().waitFor();
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'image-history.png') });
    expect(pageErrors).toEqual([]);
  });
});
