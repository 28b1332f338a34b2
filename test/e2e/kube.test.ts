// Kubernetes YAML in Debian's Chromium, through web mode, against the real engine: a pod made by
// the CLI shows its generated YAML in its Kube tab; a YAML pasted into "Play Kubernetes YAML"
// creates a pod that the list and the CLI show; a broken YAML is refused with its file:line.
// Also saves the Settings page and the command palette as screenshots.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { tempStore } from '../integration/helpers/berth-cli.js';
import { launchChromium, SCREENSHOT_DIR } from './helpers/chromium.js';
import { startWebModeProcess, type WebModeProcess } from './helpers/web-mode-process.js';

const store = tempStore();
const busybox = () => `${inject('registryHost')}/library/busybox:latest`;
let server: WebModeProcess | undefined;
let browser: Browser;
let closeBrowser: (() => Promise<void>) | undefined;
let page: Page;
const pageErrors: string[] = [];

const shot = (name: string) => page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`) });

beforeAll(async () => {
  const pulled = await store.run(['pull', '-q', busybox()], { timeoutMs: 120_000 });
  expect(pulled.code, pulled.stderr).toBe(0);
  const pod = await store.run(['pod', 'create', '--name', 'kube-source']);
  expect(pod.code, pod.stderr).toBe(0);
  const member = await store.run([
    'create',
    '--pod',
    'kube-source',
    '--name',
    'kube-source-app',
    busybox(),
    'sleep',
    '1000',
  ]);
  expect(member.code, member.stderr).toBe(0);
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
  const pods = await store.run(['pod', 'rm', '-a', '-f'], { timeoutMs: 60_000 });
  await server?.stop();
  store.cleanup();
  expect(pods.code, pods.stderr).toBe(0);
});

describe('Kube (web mode, real engine)', () => {
  it('shows a pod’s generated YAML in its Kube tab', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Pods' }).click();
    await page.getByRole('button', { name: 'kube-source', exact: true }).click();
    await page.getByRole('tab', { name: 'Kube' }).click();
    const yaml = page.getByLabel('Kubernetes YAML');
    await yaml.waitFor();
    const text = (await yaml.textContent())!;
    expect(text).toContain('kind: Pod');
    expect(text).toContain('name: kube-source');
    expect(text).toContain(`image: ${busybox()}`);
    await shot('pod-kube');
  });

  it('plays a pasted YAML and lists the pod it created; refuses a broken one with its line', async () => {
    await page.getByRole('button', { name: '← Pods' }).click();
    await page.getByRole('button', { name: 'Play Kubernetes YAML' }).click();
    const dialog = page.getByRole('dialog', { name: 'Play Kubernetes YAML' });
    const broken = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: broken\nspec:\n  containers: 7\n';
    await dialog.getByRole('textbox', { name: 'Kubernetes YAML' }).fill(broken);
    await dialog.getByRole('button', { name: 'Play' }).click();
    const alert = dialog.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/^pasted\.yaml:\d+: /);
    await dialog.getByLabel('YAML line').waitFor();

    const yaml = [
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: played',
      'spec:',
      '  containers:',
      '  - name: app',
      `    image: ${busybox()}`,
      '    command: ["sleep", "1000"]',
      '',
    ].join('\n');
    await dialog.getByRole('textbox', { name: 'Kubernetes YAML' }).fill(yaml);
    await shot('pods-play-kube');
    await dialog.getByRole('button', { name: 'Play' }).click();
    const result = page.getByRole('status', { name: 'Play result' });
    await result.waitFor({ timeout: 60_000 });
    expect(await result.textContent()).toContain('played');
    await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
    await page.getByRole('button', { name: 'played', exact: true }).waitFor();
    const cli = await store.run(['pod', 'ps', '--format', '{{.Name}} {{.Status}}']);
    expect(cli.stdout).toMatch(/^played Running$/m);
    expect(pageErrors).toEqual([]);
  });

  it('opens the command palette and the Settings page', async () => {
    await page.keyboard.press('Control+k');
    const palette = page.getByRole('dialog', { name: 'Command palette' });
    await palette.getByRole('combobox').fill('settings');
    await shot('command-palette');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    await page.getByLabel('Engine information').getByText(store.root, { exact: false }).first().waitFor();
    await shot('settings');
  });
});
